using Raft3D.Node.Configuration;
using Raft3D.StateMachine.Snapshots;

namespace Raft3D.Node.Store.Operations;

/// <summary>
/// Seeds an empty data directory from a backup file (<c>Raft3D:RestoreFrom</c>): the backup's snapshot becomes
/// this node's snapshot at the backup's log index, which the state machine and the log then start from.
/// Refuses a damaged backup, and refuses to touch a directory that already holds a log or snapshots.
/// </summary>
public static class BackupRestorer
{
    public static void RestoreInto(string backupFile, string dataDirectory, ILogger logger)
    {
        var wal = Path.Combine(dataDirectory, "wal");
        var snapshots = Path.Combine(dataDirectory, "snapshots");
        if (HasFiles(wal) || HasFiles(snapshots) || File.Exists(Path.Combine(dataDirectory, "cluster-members")))
        {
            throw new InvalidConfigurationException($"Refusing to restore {backupFile} into {dataDirectory}: it already holds data. Restore into an empty data directory.");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(backupFile);
        }
        catch (IOException e)
        {
            throw new InvalidConfigurationException($"Cannot read backup {backupFile}: {e.Message}");
        }

        long index;
        byte[] snapshot;
        try
        {
            (index, snapshot) = FarmBackupCodec.Read(bytes);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidConfigurationException($"Backup {backupFile} is refused: {e.Message}");
        }

        Directory.CreateDirectory(snapshots);

        // DotNext names snapshots "<index>-<term>". Term 0: the restored node starts a new history whose first
        // election is term 1, and no log entry may carry a term above the node's own.
        var target = Path.Combine(snapshots, $"{index}-0");
        var temporary = target + ".restoring";
        File.WriteAllBytes(temporary, snapshot);
        File.Move(temporary, target);
        logger.LogInformation("Restored backup {File} (log index {Index}, {Bytes} bytes) into {Directory}", backupFile, index, snapshot.Length, snapshots);
    }

    private static bool HasFiles(string directory)
        => Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories).Any(p => File.Exists(p));
}
