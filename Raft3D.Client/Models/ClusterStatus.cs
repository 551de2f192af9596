namespace Raft3D.Client;

/// <summary>The answering node's view of the cluster and its log. Field names are snake_case on the wire (see <see cref="Raft3DJson"/>).</summary>
public sealed record ClusterStatus(
    string? NodeId,
    string Role,
    long Term,
    string? LeaderId,
    string? LeaderRaftUrl,
    string? LeaderApiUrl,
    IReadOnlyList<ClusterMember> Members,
    long CommitIndex,
    long LastLogIndex,
    long LastAppliedIndex,
    string StateDigest,
    long StateDigestIndex);
