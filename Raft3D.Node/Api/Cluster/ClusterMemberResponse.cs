using Raft3D.Node.Store;

namespace Raft3D.Node.Api.Cluster;

/// <summary>One member as this node sees it.</summary>
/// <param name="Status">DotNext's view of reachability: Available, Unavailable or Unknown.</param>
public sealed record ClusterMemberResponse(string? Id, string RaftUrl, string? ApiUrl, string Status, bool IsLeader, bool IsLocal)
{
    public static ClusterMemberResponse From(MemberStatus member)
        => new(member.Address.Id, member.Address.RaftUrl, member.Address.ApiUrl, member.Status, member.IsLeader, member.IsLocal);
}
