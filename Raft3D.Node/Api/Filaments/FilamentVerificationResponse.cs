using Raft3D.StateMachine.Ledger;

namespace Raft3D.Node.Api.Filaments;

/// <summary>A spool's stored numbers checked against its ledger and its open jobs, at one log index.</summary>
/// <param name="Ok">True when every number agrees; otherwise <paramref name="Problems"/> says where they differ.</param>
/// <param name="LogIndex">The log index this node's state was at when it checked.</param>
/// <param name="RemainingWeightInGrams">Remaining as stored on the spool.</param>
/// <param name="LedgerRemainingWeightInGrams">The sum of the spool's ledger entries.</param>
/// <param name="ReservedWeightInGrams">Reserved as the node keeps it.</param>
/// <param name="JobsReservedWeightInGrams">What the spool's Queued and Running jobs hold, counted afresh.</param>
/// <param name="Entries">How many ledger entries the spool has.</param>
/// <param name="Problems">Each difference in words; empty when ok.</param>
public sealed record FilamentVerificationResponse(
    bool Ok,
    string FilamentId,
    long LogIndex,
    decimal RemainingWeightInGrams,
    decimal LedgerRemainingWeightInGrams,
    decimal ReservedWeightInGrams,
    decimal JobsReservedWeightInGrams,
    int Entries,
    IReadOnlyList<string> Problems)
{
    public static FilamentVerificationResponse From(LedgerVerification verification)
        => new(
            verification.Ok,
            verification.FilamentId,
            verification.Index,
            verification.StoredRemainingWeightInGrams,
            verification.LedgerRemainingWeightInGrams,
            verification.StoredReservedWeightInGrams,
            verification.JobsReservedWeightInGrams,
            verification.Entries,
            verification.Problems);
}
