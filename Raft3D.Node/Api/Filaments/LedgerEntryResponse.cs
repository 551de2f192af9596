using Raft3D.StateMachine.Ledger;

namespace Raft3D.Node.Api.Filaments;

/// <summary>
/// One change to a spool's remaining weight, as its ledger keeps it; the same row in GET .../ledger and in the
/// ledger export, where the spool it belongs to tells the rows of different spools apart.
/// </summary>
/// <param name="FilamentId">The spool the entry belongs to.</param>
/// <param name="Sequence">Its place in the spool's ledger, from 0.</param>
/// <param name="Kind">initial, consume, adjust or measure.</param>
/// <param name="Grams">Signed: what the change added (negative: took).</param>
/// <param name="RemainingWeightInGrams">The spool's remaining weight once the entry applied.</param>
/// <param name="JobId">The job whose consumption this is.</param>
/// <param name="IdempotencyKey">The Idempotency-Key of the request that made it.</param>
/// <param name="Reason">An operator's words for a correction.</param>
/// <param name="LogIndex">The log index of the command that made it; 0 for entries from before the ledger was kept.</param>
/// <param name="At">When the leader accepted that command (UTC); the same on every node.</param>
public sealed record LedgerEntryResponse(
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
    public static LedgerEntryResponse From(LedgerEntry entry)
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
