using Raft3D.StateMachine.Codec;
using Raft3D.StateMachine.Idempotency;

namespace Raft3D.StateMachine.Snapshots;

/// <summary>
/// The kept Idempotency-Keys in a snapshot (format 3), oldest first, each with the outcome it answered: its
/// kind, its error or the entity as it was then (a row, and what the view derived), so a node that restarts
/// from the snapshot replays the same first response.
/// </summary>
internal static class IdempotencyRows
{
    public static void Write(IdempotencyRecord record, FieldWriter writer)
    {
        writer.WriteString(record.Key);
        writer.WriteFingerprint(record.Fingerprint);
        writer.WriteVarULong((ulong)record.Index);
        writer.WriteTime(record.At);
        OutcomeCodec.Write(record.Outcome, writer);
    }

    /// <param name="format">The snapshot's format: a kept entity is a row of that format.</param>
    public static IdempotencyRecord Read(ref FieldReader reader, byte format)
        => new(reader.ReadString(), reader.ReadFingerprint(), reader.ReadVarLong(), reader.ReadTime(), OutcomeCodec.Read(ref reader, format));
}
