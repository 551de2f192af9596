using Raft3D.Node.Store;

namespace Raft3D.Node.Api.Cluster;

/// <summary>This node's view of the cluster. Served locally, never forwarded, so it works without a leader.</summary>
/// <param name="Role">leader or follower (a follower with no leader known is between elections).</param>
/// <param name="StateDigest">A hash of the applied state at <paramref name="StateDigestIndex"/>; equal digests at equal indexes mean equal states.</param>
public sealed record ClusterStatusResponse(
    string? NodeId,
    string Role,
    long Term,
    string? LeaderId,
    string? LeaderRaftUrl,
    string? LeaderApiUrl,
    IReadOnlyList<ClusterMemberResponse> Members,
    long CommitIndex,
    long LastLogIndex,
    long LastAppliedIndex,
    string StateDigest,
    long StateDigestIndex)
{
    public static ClusterStatusResponse From(NodeStatus status) => new(
        status.Self.Id,
        status.IsLeader ? "leader" : "follower",
        status.Term,
        status.Leader?.Id,
        status.Leader?.RaftUrl,
        status.Leader?.ApiUrl,
        status.Members.Select(ClusterMemberResponse.From).ToList(),
        status.CommitIndex,
        status.LastLogIndex,
        status.LastAppliedIndex,
        status.StateDigest,
        status.StateDigestIndex);
}
