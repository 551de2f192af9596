using System.Buffers;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.Printers;
using Raft3D.StateMachine.PrintJobs;
using Raft3D.StateMachine.Snapshots;

namespace Raft3D.StateMachine.Codec;

/// <summary>
/// The binary form of a <see cref="CommandOutcome"/>: its kind, its error or the entity view it answered with (the
/// row in the snapshot's row format, and what the view derived). One encoding for two readers: the snapshot's kept
/// Idempotency-Keys, and a leader's answer to the commands a follower forwarded, which the follower renders as the
/// leader's own response (so the entity is the leader's, never re-read from the follower's possibly older state).
/// </summary>
public static class OutcomeCodec
{
    private const byte NoEntity = 0;
    private const byte PrinterEntity = 1;
    private const byte FilamentEntity = 2;
    private const byte PrintJobEntity = 3;

    /// <summary>Writes <paramref name="outcome"/> with its replay flag, in the current snapshot row format.</summary>
    public static void Write(CommandOutcome outcome, IBufferWriter<byte> output)
    {
        var writer = new FieldWriter(output);
        writer.WriteByte(FarmSnapshotCodec.FormatVersion);
        writer.WriteBool(outcome.IsReplay);
        Write(outcome, writer);
    }

    /// <exception cref="InvalidDataException">The bytes are not an outcome this node can read.</exception>
    public static CommandOutcome Read(ReadOnlySequence<byte> input)
    {
        var reader = new FieldReader(input);
        var format = reader.ReadByte();
        if (format != FarmSnapshotCodec.FormatVersion)
        {
            throw new InvalidDataException($"Outcome format {format} is not supported (this node reads {FarmSnapshotCodec.FormatVersion}).");
        }

        var replay = reader.ReadBool();
        var outcome = Read(ref reader, format) with { IsReplay = replay };
        return reader.End ? outcome : throw new InvalidDataException("An outcome has trailing bytes after its last field.");
    }

    /// <summary>The outcome without its replay flag, as a kept Idempotency-Key's record holds it.</summary>
    internal static void Write(CommandOutcome outcome, FieldWriter writer)
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
                throw new InvalidOperationException($"An outcome holds a {outcome.Entity.GetType().Name}, which has no binary form.");
        }
    }

    /// <param name="format">The snapshot row format the entity was written in.</param>
    internal static CommandOutcome Read(ref FieldReader reader, byte format)
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
            var other => throw new InvalidDataException($"An outcome names entity kind {other}, which does not exist."),
        };
        return new CommandOutcome(kind, entity, null);
    }
}
