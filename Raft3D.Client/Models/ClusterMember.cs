namespace Raft3D.Client;

/// <summary>One member of the cluster, as the answering node sees it. Field names are snake_case on the wire (see <see cref="Raft3DJson"/>).</summary>
public sealed record ClusterMember(string? Id, string RaftUrl, string? ApiUrl, string Status, bool IsLeader, bool IsLocal);
