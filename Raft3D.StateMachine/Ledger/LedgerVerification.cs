namespace Raft3D.StateMachine.Ledger;

/// <summary>
/// A spool's stored numbers against what its history says: remaining against the sum of its ledger, reserved
/// against its open jobs, and each entry's remaining against the running sum.
/// </summary>
/// <param name="Index">The log index the check was made at.</param>
/// <param name="Problems">Each difference in words; empty when all agree.</param>
public sealed record LedgerVerification(
    string FilamentId,
    long Index,
    decimal StoredRemainingWeightInGrams,
    decimal LedgerRemainingWeightInGrams,
    decimal StoredReservedWeightInGrams,
    decimal JobsReservedWeightInGrams,
    int Entries,
    IReadOnlyList<string> Problems)
{
    public bool Ok => Problems.Count == 0;
}
