namespace Raft3D.Node.Hosting;

/// <summary>Response and request headers that say which node served a request and who led at the time.</summary>
public static class NodeHeaders
{
    public const string ServedBy = "X-Raft3D-Node";
    public const string Leader = "X-Raft3D-Leader";

    /// <summary>Set by a follower on the request it forwards, so the leader never forwards it again.</summary>
    public const string ForwardedBy = "X-Raft3D-Forwarded-By";
}
