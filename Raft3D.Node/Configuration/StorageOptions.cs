namespace Raft3D.Node.Configuration;

/// <summary>The <c>Raft3D:Storage</c> section: how much free space on the data directory's file system a node keeps in hand.</summary>
public sealed class StorageOptions
{
    /// <summary>
    /// KiB of free space (on top of the newest snapshot's size) below which the node stops storing log entries
    /// until space is freed; 0 turns the guard off. Large enough that the log cannot outgrow it between two
    /// looks (every 250 ms) at the fastest write rate the farm sees.
    /// </summary>
    public int ReserveKiB { get; set; } = 65_536;
}
