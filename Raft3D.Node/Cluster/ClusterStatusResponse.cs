namespace Raft3D.Node.Cluster;

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
    long StateDigestIndex);
