using Raft3D.Node.Peers;

namespace Raft3D.Node.Api.Routing;

/// <summary>Response and request headers that say which node served a request and who led at the time.</summary>
public static class NodeHeaders
{
    public const string ServedBy = "X-Raft3D-Node";
    public const string Leader = "X-Raft3D-Leader";

    /// <summary>The serving node's Raft term when it answered; with ServedBy it shows who acknowledged what, when.</summary>
    public const string Term = "X-Raft3D-Term";

    /// <summary>Set by a follower on the request it forwards, so the leader never forwards it again.</summary>
    public const string ForwardedBy = PeerHeaders.ForwardedBy;
}
