namespace Raft3D.Node.Api.Cluster;

/// <summary>The current leader as this node knows it.</summary>
public sealed record ClusterLeaderResponse(string? LeaderId, string LeaderRaftUrl, string? LeaderApiUrl, long Term, string ServedBy);
