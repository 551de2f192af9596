namespace Raft3D.Client;

/// <summary>
/// A spool's stored numbers checked against its history at one log index. Field names are snake_case on the
/// wire (see <see cref="Raft3DJson"/>).
/// </summary>
/// <param name="Ok">Everything agrees; otherwise <see cref="Problems"/> says what does not.</param>
/// <param name="RemainingWeightInGrams">Remaining as stored on the spool.</param>
/// <param name="LedgerRemainingWeightInGrams">Remaining as the sum of its ledger entries.</param>
/// <param name="ReservedWeightInGrams">Reserved as stored.</param>
/// <param name="JobsReservedWeightInGrams">Reserved as the sum of its Queued and Running jobs.</param>
/// <param name="Entries">How many ledger entries were summed.</param>
public sealed record FilamentVerification(
    bool Ok,
    string FilamentId,
    long LogIndex,
    decimal RemainingWeightInGrams,
    decimal LedgerRemainingWeightInGrams,
    decimal ReservedWeightInGrams,
    decimal JobsReservedWeightInGrams,
    int Entries,
    IReadOnlyList<string> Problems);
