namespace Raft3D.Node.Store.Events;

/// <summary>A cluster event's body: who this node is, its role, and the leader it knows (null during an election).</summary>
public sealed record ClusterNotice(string? NodeId, string Role, long Term, string? LeaderId, string? LeaderApiUrl);
