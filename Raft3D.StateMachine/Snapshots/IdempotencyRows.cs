using Raft3D.StateMachine.Codec;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Idempotency;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.Printers;
using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.StateMachine.Snapshots;

/// <summary>
/// The kept Idempotency-Keys in a snapshot (format 3), oldest first, each with the outcome it answered: its
/// kind, its error or the entity as it was then (a row, and what the view derived), so a node that restarts
/// from the snapshot replays the same first response.
/// </summary>
internal static class IdempotencyRows
{
    private const byte NoEntity = 0;
    private const byte PrinterEntity = 1;
    private const byte FilamentEntity = 2;
    private const byte PrintJobEntity = 3;

    public static void Write(IdempotencyRecord record, FieldWriter writer)
    {
        writer.WriteString(record.Key);
        writer.WriteUInt128(record.Fingerprint);
        writer.WriteVarULong((ulong)record.Index);
        writer.WriteTime(record.At);
        Write(record.Outcome, writer);
    }

    /// <param name="format">The snapshot's format: a kept entity is a row of that format.</param>
    public static IdempotencyRecord Read(ref FieldReader reader, byte format)
        => new(reader.ReadString(), reader.ReadUInt128(), reader.ReadVarLong(), reader.ReadTime(), ReadOutcome(ref reader, format));

    private static void Write(CommandOutcome outcome, FieldWriter writer)
    {
        writer.WriteByte((byte)outcome.Kind);
        if (outcome.Error is { } error)
        {
            writer.WriteString(error.Code);
            writer.WriteString(error.Detail);
            return;
        }

        switch (outcome.Entity)
        {
            case null:
                writer.WriteByte(NoEntity);
                break;
            case PrinterView view:
                writer.WriteByte(PrinterEntity);
                SnapshotRows.Write(view.Printer, writer);
                writer.WriteByte((byte)view.State);
                writer.WriteOptionalString(view.CurrentJobId);
                writer.WriteVarUInt((uint)view.QueuedJobs);
                break;
            case FilamentView view:
                writer.WriteByte(FilamentEntity);
                SnapshotRows.Write(view.Filament, writer);
                writer.WriteDecimal(view.ReservedWeightInGrams);
                break;
            case PrintJobView view:
                writer.WriteByte(PrintJobEntity);
                SnapshotRows.Write(view.Job, writer);
                writer.WriteVarUInt(view.QueuePosition is { } position ? (uint)position + 1 : 0);
                break;
            default:
                throw new InvalidOperationException($"An idempotency record holds a {outcome.Entity.GetType().Name}, which snapshots cannot carry.");
        }
    }

    private static CommandOutcome ReadOutcome(ref FieldReader reader, byte format)
    {
        var kind = reader.ReadEnum<OutcomeKind>();
        if (kind == OutcomeKind.Rejected)
        {
            return CommandOutcome.Rejected(reader.ReadString(), reader.ReadString());
        }

        var entity = reader.ReadByte() switch
        {
            NoEntity => (object?)null,
            PrinterEntity => new PrinterView(
                SnapshotRows.ReadPrinter(ref reader, format),
                reader.ReadEnum<PrinterState>(),
                reader.ReadOptionalString(),
                (int)reader.ReadVarUInt()),
            FilamentEntity => new FilamentView(SnapshotRows.ReadFilament(ref reader, format), reader.ReadDecimal()),
            PrintJobEntity => new PrintJobView(
                SnapshotRows.ReadPrintJob(ref reader, format, position: 0),
                reader.ReadVarUInt() is > 0 and var position ? (int)position - 1 : null),
            var other => throw new InvalidDataException($"An idempotency record names entity kind {other}, which does not exist."),
        };
        return new CommandOutcome(kind, entity, null);
    }
}
