using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Peers;

/// <summary>
/// The leader's answer to one forwarded command: what applying it did and the log index it was applied at, or the
/// problem the leader answered instead (refused caller, no majority, full disk), which the follower renders as is.
/// </summary>
public sealed record ForwardedOutcome(CommandOutcome? Outcome, long Index, string? ProblemCode, string? ProblemDetail)
{
    public static ForwardedOutcome Applied(CommandOutcome outcome, long index) => new(outcome, index, null, null);

    public static ForwardedOutcome Problem(string code, string detail) => new(null, 0L, code, detail);
}
