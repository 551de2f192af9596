namespace Raft3D.Node.Peers;

/// <summary>How far the leader had applied when it confirmed its leadership: the index a follower must reach before it reads.</summary>
public sealed record ReadIndexResponse(long Index);
