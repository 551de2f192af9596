namespace Raft3D.Node.Peers;

/// <summary>A leader's answer to a batch of forwarded commands: who answered, in which term, and each command's outcome in order.</summary>
/// <param name="Leading">
/// False when the receiver does not lead: it proposed none of the commands (and holds no outcomes), so the follower
/// may send them once more to the next leader.
/// </param>
public sealed record CommandBatchAnswer(bool Leading, string LeaderId, long Term, IReadOnlyList<ForwardedOutcome> Outcomes);
