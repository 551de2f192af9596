namespace Raft3D.Node.Cluster;

/// <summary>One member as this node sees it.</summary>
/// <param name="Status">DotNext's view of reachability: Available, Unavailable or Unknown.</param>
public sealed record ClusterMemberResponse(string? Id, string RaftUrl, string? ApiUrl, string Status, bool IsLeader, bool IsLocal);
