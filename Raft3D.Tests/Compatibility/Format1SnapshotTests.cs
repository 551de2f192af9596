using Raft3D.StateMachine;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.PrintJobs;
using Raft3D.StateMachine.Snapshots;

namespace Raft3D.Tests.Compatibility;

/// <summary>The format 1 snapshot the previous release wrote (<see cref="Format1Fixture"/>), read by today's codec.</summary>
[TestFixture]
[Category("Fast")]
public sealed class Format1SnapshotTests
{
    // Entries 1-13 as the old node applied them (Fixtures/format1/README.md): no stamps, no If-Match.
    private static readonly Command[] EntriesUpToTheSnapshot =
    [
        new CreatePrinter("p1", "Creality", "Ender3"),
        new CreatePrinter("p2", "Prusa", "MK4"),
        new CreateFilament("f1", FilamentType.PLA, "Red", 1000m, 1000m),
        new CreateFilament("f2", FilamentType.PETG, "Black", 750m, 500m),
        new CreatePrintJob("j1", "p1", "f1", "/prints/cube.gcode", 200m),
        new ChangePrintJobStatus("j1", PrintJobStatus.Running),
        new ChangePrintJobStatus("j1", PrintJobStatus.Done),
        new CreatePrintJob("j2", "p2", "f2", "/prints/bracket.gcode", 100m),
        new ChangePrintJobStatus("j2", PrintJobStatus.Canceled),
        new CreatePrintJob("j3", "p2", "f1", "/prints/vase.gcode", 150m),
        new ChangePrintJobStatus("j3", PrintJobStatus.Running),
        new CreatePrintJob("j4", "p1", "f2", "/prints/gear.gcode", 120m),
        new Checkpoint(TakeSnapshot: true),
    ];

    /// <summary>
    /// Two printers on one spool, the job created second finishing first: a format 1 snapshot cannot tell that
    /// order, the replayed entries can.
    /// </summary>
    private static readonly Command[] JobsFinishingOutOfCreationOrder =
    [
        new CreatePrinter("p1", "Creality", "Ender3"),
        new CreatePrinter("p2", "Prusa", "MK4"),
        new CreateFilament("f1", FilamentType.PLA, "Red", 1000m, 1000m),
        new CreatePrintJob("slow", "p1", "f1", "/prints/vase.gcode", 200m),
        new CreatePrintJob("quick", "p2", "f1", "/prints/cube.gcode", 50m),
        new ChangePrintJobStatus("slow", PrintJobStatus.Running),
        new ChangePrintJobStatus("quick", PrintJobStatus.Running),
        new ChangePrintJobStatus("quick", PrintJobStatus.Done),
        new CreatePrintJob("later", "p2", "f1", "/prints/gear.gcode", 25m),
        new ChangePrintJobStatus("later", PrintJobStatus.Running),
        new ChangePrintJobStatus("slow", PrintJobStatus.Done),
        new ChangePrintJobStatus("later", PrintJobStatus.Done),
    ];

    [Test]
    public void The_format1_snapshot_reads_to_the_state_its_log_entries_give()
    {
        var root = Directory.CreateTempSubdirectory("raft3d-format1-").FullName;
        try
        {
            var fromSnapshot = new FarmState();
            FarmSnapshotCodec.Read(FixtureSnapshot(root), fromSnapshot, Format1Fixture.SnapshotIndex);
            var fromLog = Replay(EntriesUpToTheSnapshot);

            // Format 1 kept no versions and no queue indexes. Replayed format 1 entries and a format 1 snapshot
            // must give the same state to the byte (version 0, creation order as queue order), or nodes whose
            // old snapshots were cut at different indexes would disagree after the upgrade.
            Assert.Multiple(() =>
            {
                Assert.That(fromSnapshot.ListPrinters(), Is.EqualTo(fromLog.ListPrinters()), "printers");
                Assert.That(fromSnapshot.ListFilaments(), Is.EqualTo(fromLog.ListFilaments()), "filaments");
                Assert.That(fromSnapshot.ListPrintJobs(), Is.EqualTo(fromLog.ListPrintJobs()), "print jobs");
                Assert.That(fromSnapshot.LedgerOf("f1"), Is.EqualTo(fromLog.LedgerOf("f1")), "ledger of f1");
                Assert.That(fromSnapshot.LedgerOf("f2"), Is.EqualTo(fromLog.LedgerOf("f2")), "ledger of f2");
                Assert.That(FarmSnapshotCodec.Digest(fromSnapshot), Is.EqualTo(FarmSnapshotCodec.Digest(fromLog)), "digest");
            });
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void The_test_writer_writes_the_fixture_s_snapshot_to_the_byte()
    {
        var root = Directory.CreateTempSubdirectory("raft3d-format1-").FullName;
        try
        {
            Assert.That(Convert.ToHexString(Format1SnapshotWriter.Write(Replay(EntriesUpToTheSnapshot))), Is.EqualTo(Convert.ToHexString(FixtureSnapshot(root))));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// Nodes upgraded with format 1 snapshots cut at different indexes: each reads its snapshot and replays the
    /// format 1 entries after it, and all must reach the state of a node that replayed the whole log, ledger
    /// included, even when a spool's jobs finished in another order than they were created in.
    /// </summary>
    [Test]
    public void A_format1_snapshot_cut_at_any_index_and_the_entries_after_it_give_the_state_the_whole_log_gives()
    {
        var whole = Replay(JobsFinishingOutOfCreationOrder);
        for (var cut = 0; cut <= JobsFinishingOutOfCreationOrder.Length; cut++)
        {
            var restored = new FarmState();
            FarmSnapshotCodec.Read(Format1SnapshotWriter.Write(Replay(JobsFinishingOutOfCreationOrder[..cut])), restored, cut);
            for (var index = cut + 1; index <= JobsFinishingOutOfCreationOrder.Length; index++)
            {
                restored.ApplyUnversioned(JobsFinishingOutOfCreationOrder[index - 1], index);
            }

            Assert.Multiple(() =>
            {
                Assert.That(restored.LedgerOf("f1"), Is.EqualTo(whole.LedgerOf("f1")), $"ledger of f1, snapshot at index {cut}");
                Assert.That(FarmSnapshotCodec.Digest(restored), Is.EqualTo(FarmSnapshotCodec.Digest(whole)), $"digest, snapshot at index {cut}");
            });
        }

        Assert.Multiple(() =>
        {
            Assert.That(whole.LedgerOf("f1").Select(e => e.JobId), Is.EqualTo(new[] { null, "slow", "quick", "later" }), "consumptions in creation order");
            Assert.That(whole.LedgerOf("f1").Select(e => e.RemainingAfter), Is.EqualTo(new[] { 1000m, 800m, 750m, 725m }));
            Assert.That(whole.Verify("f1")!.Ok, Is.True);
        });
    }

    private static byte[] FixtureSnapshot(string root)
        => File.ReadAllBytes(Path.Combine(Format1Fixture.ExtractTo(root).DataDirectory, "snapshots", $"{Format1Fixture.SnapshotIndex}-0"));

    private static FarmState Replay(Command[] entries)
    {
        var farm = new FarmState();
        for (var index = 1; index <= entries.Length; index++)
        {
            farm.ApplyUnversioned(entries[index - 1], index);
        }

        return farm;
    }
}
