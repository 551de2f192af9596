namespace Raft3D.Node.Reads;

/// <summary>How far the leader had applied when it confirmed its leadership.</summary>
public sealed record ReadIndexResponse(long Index, long Term);
