using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Raft3D.StateMachine;
using Raft3D.StateMachine.Codec;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Snapshots;

namespace Raft3D.Tests.Cluster;

/// <summary>When the state machine snapshots, on DotNext's real write-ahead log and snapshot files on disk.</summary>
[TestFixture]
[Category("Fast")]
public sealed class SnapshotIntervalTests
{
    private string directory = null!;

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("raft3d-snapshots-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [Test]
    public async Task A_growing_farm_snapshots_after_as_many_entries_as_it_had_rows_at_the_last_snapshot()
    {
        var taken = await ApplyCreatesAsync(count: 100, interval: 10, perRow: 1.0);

        // Due after max(10, rows at the last snapshot) entries: the interval doubles as the farm does.
        Assert.That(taken, Is.EqualTo(new long[] { 10, 20, 40, 80 }));
    }

    [Test]
    public async Task With_no_growth_the_interval_stays_fixed()
    {
        var taken = await ApplyCreatesAsync(count: 55, interval: 10, perRow: 0);

        Assert.That(taken, Is.EqualTo(new long[] { 10, 20, 30, 40, 50 }));
    }

    [Test]
    public async Task A_streamed_snapshot_is_the_state_byte_for_byte_and_restores_it()
    {
        var directoryOfSnapshots = Path.Combine(directory, "snapshots");
        var farm = new FarmState();
        await using (var machine = new FarmStateMachine(new() { SnapshotDirectory = directoryOfSnapshots, SnapshotInterval = 3_000, SnapshotIntervalPerRow = 0 }))
        await using (var log = new WriteAheadLog(new() { Location = Path.Combine(directory, "wal") }, machine))
        {
            // Enough rows for dozens of chunks, so the snapshot is written in many pieces.
            for (var i = 0; i < 3_000; i++)
            {
                var command = Create(i);
                farm.Apply(command, i + 1);
                await log.AppendAsync(Entry(command));
            }

            await log.CommitAsync(3_000);

            // DotNext finishes a snapshot before it applies the next entry (and cancels one still running when it
            // is disposed): one more entry makes sure the snapshot at 3,000 is complete.
            var next = await log.AppendAsync(Entry(Create(3_000)));
            await log.CommitAsync(next);
            await log.WaitForApplyAsync(next);
        }

        var file = Directory.EnumerateFiles(directoryOfSnapshots).Single();
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.That(bytes.Length, Is.GreaterThan(5 * 64 * 1024));
        var restored = new FarmState();
        FarmSnapshotCodec.Read(bytes, restored, 3_000);

        // And as a restarting node restores it: the state machine maps the file instead of reading it.
        await using var restarted = new FarmStateMachine(new() { SnapshotDirectory = directoryOfSnapshots });
        await restarted.RestoreAsync();
        Assert.Multiple(() =>
        {
            Assert.That(bytes, Is.EqualTo(FarmSnapshotCodec.Serialize(farm)));
            Assert.That(FarmSnapshotCodec.Digest(restored), Is.EqualTo(FarmSnapshotCodec.Digest(farm)));
            Assert.That(restarted.DigestAtLastApplied(), Is.EqualTo((FarmSnapshotCodec.Digest(farm), 3_000L)));
            Assert.That(FarmSnapshotCodec.Digest(farm), Is.EqualTo(System.IO.Hashing.XxHash64.HashToUInt64(bytes).ToString("x16", System.Globalization.CultureInfo.InvariantCulture)));
        });
    }

    [TestCase(0)]
    [TestCase(3)]
    public async Task A_snapshot_file_too_short_to_be_one_is_refused_naming_it(int length)
    {
        // An empty file cannot be mapped at all; both must fail as the reader's "too short", not as an I/O error.
        var directoryOfSnapshots = Directory.CreateDirectory(Path.Combine(directory, "snapshots")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(directoryOfSnapshots, "100-1"), new byte[length]);
        await using var machine = new FarmStateMachine(new() { SnapshotDirectory = directoryOfSnapshots });
        Assert.That(
            async () => await machine.RestoreAsync(),
            Throws.TypeOf<InvalidDataException>().With.Message.Contains("100-1 cannot be used").And.Message.Contains("too short"));
    }

    private static CreatePrinter Create(int i)
        => new($"printer-{i:D6}", "Prusa Research", "Original Prusa MK4S with input shaper and a 0.4 mm nozzle") { StampedAt = DateTimeOffset.UnixEpoch.AddDays(20_000).AddMilliseconds(i) };

    private static BinaryLogEntry Entry(Command command) => new() { Term = 1, Content = CommandCodec.Encode(command) };

    /// <returns>The log index of every snapshot taken.</returns>
    private async Task<long[]> ApplyCreatesAsync(int count, int interval, double perRow)
    {
        var taken = new List<long>();
        await using var machine = new FarmStateMachine(new() { SnapshotDirectory = Path.Combine(directory, "snapshots"), SnapshotInterval = interval, SnapshotIntervalPerRow = perRow });
        machine.SnapshotTaken += snapshot =>
        {
            lock (taken)
            {
                taken.Add(snapshot.Index);
            }
        };
        await using var log = new WriteAheadLog(new() { Location = Path.Combine(directory, "wal") }, machine);
        for (var i = 0; i < count; i++)
        {
            var index = await log.AppendAsync(Entry(Create(i)));
            await log.CommitAsync(index);
            await log.WaitForApplyAsync(index);
        }

        // A snapshot is written beside the apply loop, and DotNext finishes it before it applies the next entry:
        // the counts above leave entries after the last snapshot, so every snapshot has finished here.
        lock (taken)
        {
            return [.. taken];
        }
    }
}
