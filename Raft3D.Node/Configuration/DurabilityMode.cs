namespace Raft3D.Node.Configuration;

/// <summary>
/// How the write-ahead log reaches the disk. Both modes flush every appended and committed entry before the
/// commit completes (DotNext 6.12 always does), so an acknowledged write is on disk on a majority either way.
/// </summary>
public enum DurabilityMode
{
    /// <summary>Log pages are shared memory maps of the files, flushed with msync. DotNext's default.</summary>
    Mapped,

    /// <summary>Log pages live in private memory and are written with direct I/O, bypassing the page cache.</summary>
    DirectIo,
}
