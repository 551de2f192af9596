namespace Raft3D.Node.Api.Routing;

/// <summary>
/// Endpoint metadata: only the leader can serve this endpoint, so a follower forwards the request to the
/// leader's API (<see cref="LeaderForwardingMiddleware"/>). Put it on every write.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class ForwardToLeaderAttribute : Attribute
{
    /// <summary>
    /// The action proposes one farm command through <see cref="FarmControllerBase"/>: a follower serves the request
    /// itself up to the command and sends only the command to the leader (<see cref="CommandForwarding"/>). Without
    /// it (membership, operations) the whole request is proxied to the leader's API.
    /// </summary>
    public bool AsCommand { get; init; }
}
