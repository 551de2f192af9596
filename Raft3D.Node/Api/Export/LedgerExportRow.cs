using Raft3D.StateMachine.Ledger;

namespace Raft3D.Node.Api.Export;

/// <summary>A ledger entry in an export of every spool's ledger: the entry as GET .../ledger shows it, and its spool.</summary>
/// <param name="FilamentId">The spool the entry belongs to.</param>
/// <param name="Sequence">Its place in the spool's ledger, from 0.</param>
/// <param name="Kind">initial, consume, adjust or measure.</param>
/// <param name="Grams">Signed: what the change added (negative: took).</param>
/// <param name="RemainingWeightInGrams">The spool's remaining weight once the entry applied.</param>
/// <param name="LogIndex">The log index of the command that made it; 0 for entries from before the ledger was kept.</param>
/// <param name="At">When the leader accepted that command (UTC).</param>
public sealed record LedgerExportRow(
    string FilamentId,
    int Sequence,
    string Kind,
    decimal Grams,
    decimal RemainingWeightInGrams,
    string? JobId,
    string? IdempotencyKey,
    string? Reason,
    long LogIndex,
    DateTime? At)
{
    public static LedgerExportRow From(LedgerEntry entry)
        => new(
            entry.FilamentId,
            entry.Sequence,
            LedgerEntryKindNames.Of(entry.Kind),
            entry.Grams,
            entry.RemainingAfter,
            entry.JobId,
            entry.IdempotencyKey,
            entry.Reason,
            entry.Index,
            entry.At?.UtcDateTime);
}
