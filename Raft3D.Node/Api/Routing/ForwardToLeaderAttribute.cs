namespace Raft3D.Node.Api.Routing;

/// <summary>
/// Endpoint metadata: only the leader can serve this endpoint, so a follower forwards the request to the
/// leader's API (<see cref="LeaderForwardingMiddleware"/>). Put it on every write.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class ForwardToLeaderAttribute : Attribute;
