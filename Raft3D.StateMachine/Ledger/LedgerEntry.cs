namespace Raft3D.StateMachine.Ledger;

/// <summary>
/// One change to a spool's remaining grams. Append-only: a correction is a new entry, so the sum of a spool's
/// entries is always its remaining weight, and every number can be explained.
/// </summary>
/// <param name="Sequence">Its place in the spool's ledger, from 0; a paging cursor names it.</param>
/// <param name="Grams">Signed: what the change added (negative: took).</param>
/// <param name="RemainingAfter">The spool's remaining weight once the entry applied.</param>
/// <param name="Index">The log index of the command that made it; 0 for entries from before the ledger was kept.</param>
/// <param name="At">The leader's stamp on that command; the same on every node.</param>
public sealed record LedgerEntry(
    string FilamentId,
    int Sequence,
    LedgerEntryKind Kind,
    decimal Grams,
    decimal RemainingAfter,
    long Index,
    DateTimeOffset? At)
{
    /// <summary>The job whose consumption this is.</summary>
    public string? JobId { get; init; }

    /// <summary>The Idempotency-Key of the request that made it.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>An operator's words for a correction.</summary>
    public string? Reason { get; init; }
}
