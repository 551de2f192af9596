using Raft3D.Node.Configuration;
namespace Raft3D.Node.Store.Consensus;

/// <summary>Refuses a chunk size that differs from the one an existing log was written with.</summary>
/// <remarks>
/// DotNext does not record the chunk size: it finds an entry by its offset divided by the configured size, so
/// opening a log with another size would read entries from the wrong places. Every data file is exactly one
/// chunk long, which is how we can tell.
/// </remarks>
public static class ExistingLogCheck
{
    public static void EnsureChunkSizeMatches(Raft3DOptions options)
    {
        var dataFiles = new DirectoryInfo(Path.Combine(Path.GetFullPath(options.DataDirectory), "wal", "data"));
        if (!dataFiles.Exists)
        {
            return;
        }

        // Only whole-page lengths say "another chunk size"; any other length is damage, which DotNext's entry
        // checksums deal with.
        var pageSize = Environment.SystemPageSize;
        if (dataFiles.EnumerateFiles().FirstOrDefault(file => file.Length != options.LogChunkBytes && file.Length > 0 && file.Length % pageSize == 0) is { } mismatch)
        {
            throw new InvalidConfigurationException(
                $"The log in {dataFiles.FullName} was written with {mismatch.Length / 1024} KiB chunks ({mismatch.Name} is {mismatch.Length} bytes) " +
                $"but Raft3D:LogChunkSizeKiB is {options.LogChunkSizeKiB}: the chunk size is fixed once a log exists. " +
                $"Set Raft3D:LogChunkSizeKiB={mismatch.Length / 1024}, or start this node on an empty data directory to catch up from its peers.");
        }
    }
}
