using Raft3D.Node.Peers;

namespace Raft3D.Node.Api.Routing;

/// <summary>
/// Set by <see cref="LeaderForwardingMiddleware"/> on a follower's request for a <see cref="ForwardToLeaderAttribute.AsCommand"/>
/// endpoint: the controller sends its command to <paramref name="Leader"/> instead of proposing it here.
/// </summary>
public sealed record CommandForwardingFeature(NodeAddress Leader);
