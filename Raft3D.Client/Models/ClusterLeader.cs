namespace Raft3D.Client;

/// <summary>The leader as the answering node knows it. Field names are snake_case on the wire (see <see cref="Raft3DJson"/>).</summary>
public sealed record ClusterLeader(string? LeaderId, string LeaderRaftUrl, string? LeaderApiUrl, long Term, string ServedBy);
