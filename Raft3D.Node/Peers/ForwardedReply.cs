namespace Raft3D.Node.Peers;

/// <summary>One forwarded command's share of its batch's answer.</summary>
/// <param name="Outcome">Null when the receiver did not lead (see <see cref="CommandBatchAnswer.Leading"/>).</param>
public sealed record ForwardedReply(bool Leading, string LeaderId, long Term, ForwardedOutcome? Outcome);
