namespace Raft3D.Node.Peers;

/// <summary>Headers one node sets on the requests it sends to another node's API.</summary>
public static class PeerHeaders
{
    /// <summary>Names the follower that forwarded a request, so the leader never forwards it again.</summary>
    public const string ForwardedBy = "X-Raft3D-Forwarded-By";

    /// <summary>On a forwarded client request: the addresses it came through, the one the follower saw last.</summary>
    public const string ForwardedFor = "X-Forwarded-For";
}
