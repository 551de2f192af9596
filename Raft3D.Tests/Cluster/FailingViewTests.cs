using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Raft3D.StateMachine;
using Raft3D.StateMachine.Changes;
using Raft3D.StateMachine.Codec;
using Raft3D.StateMachine.Commands;

namespace Raft3D.Tests.Cluster;

/// <summary>
/// A view of the state that throws (an observer, a snapshot handler) on DotNext's real write-ahead log: the
/// node must go on applying committed entries, since DotNext stops its apply loop for good on an exception.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class FailingViewTests
{
    private string directory = null!;

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("raft3d-failing-view-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [Test]
    public async Task Entries_after_an_observer_throws_are_applied_and_told_to_the_other_observers()
    {
        var failing = new ThrowingObserver();
        var counting = new CountingObserver();
        await using var machine = new FarmStateMachine(Options(interval: 1_000), observers: [failing, counting]);
        await using var log = new WriteAheadLog(new() { Location = Path.Combine(directory, "wal") }, machine);

        await AppendAndApplyAsync(log, count: 5);

        Assert.Multiple(() =>
        {
            Assert.That(failing.Calls, Is.EqualTo(5), "the throwing observer is still told every entry");
            Assert.That(counting.Applied, Is.EqualTo(5));
            Assert.That(machine.Read(state => state.ListPrinters().Count), Is.EqualTo(5));
            Assert.That(machine.LastAppliedIndex, Is.EqualTo(5));
        });
    }

    [Test]
    public async Task A_snapshot_handler_that_throws_neither_fails_the_snapshot_nor_stops_applying()
    {
        await using var machine = new FarmStateMachine(Options(interval: 2));
        var taken = 0;
        machine.SnapshotTaken += _ => throw new InvalidOperationException("a metrics sink is broken");
        machine.SnapshotTaken += _ => Interlocked.Increment(ref taken);
        await using var log = new WriteAheadLog(new() { Location = Path.Combine(directory, "wal") }, machine);

        await AppendAndApplyAsync(log, count: 7);

        Assert.Multiple(() =>
        {
            Assert.That(Volatile.Read(ref taken), Is.EqualTo(3), "snapshots at 2, 4 and 6 reach the next handler");
            // DotNext names a finished snapshot by its index and term (after the rename from its .tmp file).
            Assert.That(Directory.EnumerateFiles(Path.Combine(directory, "snapshots")).Select(Path.GetFileName), Does.Contain("6-1"));
            Assert.That(machine.LastAppliedIndex, Is.EqualTo(7));
        });
    }

    private FarmStateMachineOptions Options(int interval)
        => new() { SnapshotDirectory = Path.Combine(directory, "snapshots"), SnapshotInterval = interval, SnapshotIntervalPerRow = 0 };

    private static async Task AppendAndApplyAsync(WriteAheadLog log, int count)
    {
        // A stopped apply loop never reaches the index: the deadline turns that into a failure, not a hang.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        for (var i = 0; i < count; i++)
        {
            var command = new CreatePrinter($"printer-{i}", "Prusa Research", "MK4S") { StampedAt = DateTimeOffset.UnixEpoch.AddDays(20_000) };
            var index = await log.AppendAsync(new BinaryLogEntry { Term = 1, Content = CommandCodec.Encode(command) }, deadline.Token);
            await log.CommitAsync(index, deadline.Token);
            await log.WaitForApplyAsync(index, deadline.Token);
        }
    }

    private sealed class ThrowingObserver : IAppliedChangesObserver
    {
        public int Calls { get; private set; }

        public void Applied(AppliedChanges changes)
        {
            Calls++;
            throw new InvalidOperationException("the event journal is broken");
        }

        public void Replaced(long index) => throw new InvalidOperationException("the event journal is broken");
    }

    private sealed class CountingObserver : IAppliedChangesObserver
    {
        public int Applied { get; private set; }

        void IAppliedChangesObserver.Applied(AppliedChanges changes) => Applied++;

        public void Replaced(long index)
        {
        }
    }
}
