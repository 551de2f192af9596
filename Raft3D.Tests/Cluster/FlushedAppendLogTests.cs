using DotNext.IO;
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

    [Test]
    public async Task A_resent_append_keeps_the_entries_held_with_the_same_term_and_rewrites_only_the_last()
    {
        await using var log = OpenLog("live");
        IAuditTrail<IRaftLogEntry> trail = log;
        await trail.AppendAsync(new LogEntryProducer<BinaryLogEntry>(Entry(1, 10), Entry(1, 11), Entry(1, 12), Entry(1, 13)), startIndex: 1, skipCommitted: true);

        // The leader sending the same entries again (after its request timed out while this follower stored them).
        // Their content differs here only to show which ones were written again.
        await trail.AppendAsync(new LogEntryProducer<BinaryLogEntry>(Entry(1, 20), Entry(1, 21), Entry(1, 22), Entry(1, 23)), startIndex: 1, skipCommitted: true);

        Assert.That(await ReadAsync(log, 1, 4), Is.EqualTo(new[] { (1L, 10), (1L, 11), (1L, 12), (1L, 23) }));
    }

    [Test]
    public async Task An_entry_from_another_term_replaces_the_held_one_and_everything_after_it()
    {
        await using var log = OpenLog("live");
        IAuditTrail<IRaftLogEntry> trail = log;
        await trail.AppendAsync(new LogEntryProducer<BinaryLogEntry>(Entry(1, 10), Entry(1, 11), Entry(1, 12), Entry(1, 13), Entry(1, 14)), startIndex: 1, skipCommitted: true);

        // A new leader's log: the same first two entries, then its own from index 3.
        await trail.AppendAsync(new LogEntryProducer<BinaryLogEntry>(Entry(1, 21), Entry(2, 22), Entry(2, 23)), startIndex: 2, skipCommitted: true);

        Assert.Multiple(async () =>
        {
            Assert.That(((IAuditTrail)log).LastEntryIndex, Is.EqualTo(4), "entry 5 of the old term is gone");
            Assert.That(await ReadAsync(log, 1, 4), Is.EqualTo(new[] { (1L, 10), (1L, 11), (2L, 22), (2L, 23) }));
        });
    }

    private static async Task<(long Term, int Content)[]> ReadAsync(FlushedAppendLog log, long from, long to)
        => await log.ReadAsync(new FirstBytes(), from, to);

    private FlushedAppendLog OpenLog(string name)
    {
        var machine = new FarmStateMachine(new FarmStateMachineOptions
        {
            SnapshotDirectory = Path.Combine(directory, name + "-snapshots"),
            SnapshotInterval = 1000,
        });
        return new FlushedAppendLog(new WriteAheadLog.Options { Location = Path.Combine(directory, name) }, machine);
    }

    private static BinaryLogEntry Entry(long term, byte first = 1) => new() { Term = term, Content = new byte[] { first, 2, 3 } };

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    /// <summary>Each entry's term and the first byte of its content.</summary>
    private readonly struct FirstBytes : ILogEntryConsumer<IRaftLogEntry, (long Term, int Content)[]>
    {
        public async ValueTask<(long Term, int Content)[]> ReadAsync<TEntry, TList>(TList entries, long? snapshotIndex, CancellationToken token)
            where TEntry : IRaftLogEntry
            where TList : IReadOnlyList<TEntry>
        {
            var read = new List<(long, int)>();
            foreach (var entry in entries)
            {
                read.Add((entry.Term, (await entry.ToByteArrayAsync(token: token))[0]));
            }

            return [.. read];
        }
    }
}
