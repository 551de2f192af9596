namespace Raft3D.Node.Api.Cluster;

/// <summary>A node to add: its id, its raft URL (its identity in Raft) and its API URL.</summary>
public sealed class MemberRequest
{
    public string? Id { get; set; }

    public string? Raft { get; set; }

    public string? Http { get; set; }
}
