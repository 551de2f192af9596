namespace Raft3D.Client;

/// <summary>
/// One change to a spool's remaining grams, as the API returns it; a spool's entries sum to its remaining weight.
/// Field names are snake_case on the wire (see <see cref="Raft3DJson"/>).
/// </summary>
/// <param name="Sequence">Its place in the spool's ledger, from 0.</param>
/// <param name="Kind">initial, consume, adjust or measure.</param>
/// <param name="Grams">Signed: what the change added (negative: took).</param>
/// <param name="RemainingWeightInGrams">The spool's remaining weight once the entry applied.</param>
/// <param name="JobId">The job whose consumption this is.</param>
/// <param name="IdempotencyKey">The Idempotency-Key of the request that made it.</param>
/// <param name="Reason">The operator's words for an adjustment or measurement.</param>
/// <param name="LogIndex">The log index of the command that made it; 0 for entries from before the ledger was kept.</param>
/// <param name="At">The leader's time on that command (UTC); null for entries from before times were kept.</param>
public sealed record LedgerEntry(
    int Sequence,
    string Kind,
    decimal Grams,
    decimal RemainingWeightInGrams,
    string? JobId,
    string? IdempotencyKey,
    string? Reason,
    long LogIndex,
    DateTimeOffset? At)
{
    /// <summary>The spool the entry belongs to (exports bring entries of every spool together).</summary>
    public string? FilamentId { get; init; }
}
