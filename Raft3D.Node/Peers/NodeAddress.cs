namespace Raft3D.Node.Peers;

/// <summary>A cluster member as clients see it: its id, raft URL and API URL (null where unknown).</summary>
public sealed record NodeAddress(string? Id, string RaftUrl, string? ApiUrl);
