namespace Raft3D.Node.Store;

/// <summary>A consistent backup: the farm's binary snapshot at log index <paramref name="Index"/>, checksummed.</summary>
public sealed record FarmBackup(long Index, byte[] Bytes);
