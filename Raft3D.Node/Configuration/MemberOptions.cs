namespace Raft3D.Node.Configuration;

/// <summary>One member of the initial cluster: its id, its raft URL (its identity in Raft) and its API URL.</summary>
public sealed class MemberOptions
{
    public string Id { get; set; } = string.Empty;

    public string Raft { get; set; } = string.Empty;

    public string Http { get; set; } = string.Empty;
}
