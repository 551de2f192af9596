using DotNext.IO.Log;
using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Raft3D.Node.Store.Consensus;
using Raft3D.StateMachine;

namespace Raft3D.Tests.Cluster;

/// <summary>The follower side of DotNext's append, on a real log on disk, with a SIGKILL simulated by a copy.</summary>
[TestFixture]
[Category("Fast")]
public sealed class FlushedAppendLogTests
{
    private string directory = null!;

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("raft3d-log-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [Test]
    public async Task Entries_a_leader_sent_survive_a_crash_the_moment_the_append_returns()
    {
        await using (var log = OpenLog("live"))
        {
            // The call RaftCluster makes for an AppendEntries request: through the interface, skipping committed entries.
            IAuditTrail<IRaftLogEntry> trail = log;
            await trail.AppendAsync(new LogEntryProducer<BinaryLogEntry>(Entry(1), Entry(1), Entry(1)), startIndex: 1, skipCommitted: true);

            // What a SIGKILL leaves: the files as they are now (the mapped pages live in the page cache), no shutdown flush.
            CopyDirectory(Path.Combine(directory, "live"), Path.Combine(directory, "crashed"));
        }

        await using var restarted = OpenLog("crashed");
        Assert.That(((IAuditTrail)restarted).LastEntryIndex, Is.EqualTo(3), "the restarted follower must still hold every entry it acknowledged");
    }

    private FlushedAppendLog OpenLog(string name)
    {
        var machine = new FarmStateMachine(new FarmStateMachineOptions
        {
            SnapshotDirectory = Path.Combine(directory, name + "-snapshots"),
            SnapshotInterval = 1000,
        });
        return new FlushedAppendLog(new WriteAheadLog.Options { Location = Path.Combine(directory, name) }, machine);
    }

    private static BinaryLogEntry Entry(long term) => new() { Term = term, Content = new byte[] { 1, 2, 3 } };

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }
}
