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
    [Test]
    public void The_format1_snapshot_reads_to_the_state_its_log_entries_give()
    {
        var root = Directory.CreateTempSubdirectory("raft3d-format1-").FullName;
        try
        {
            var node = Format1Fixture.ExtractTo(root);
            var fromSnapshot = new FarmState();
            var bytes = File.ReadAllBytes(Path.Combine(node.DataDirectory, "snapshots", $"{Format1Fixture.SnapshotIndex}-0"));
            FarmSnapshotCodec.Read(bytes, fromSnapshot, Format1Fixture.SnapshotIndex);

            // Entries 1-13 as the old node applied them (Fixtures/format1/README.md): no stamps, no If-Match.
            var fromLog = new FarmState();
            Command[] entries =
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
            for (var index = 0; index < entries.Length; index++)
            {
                fromLog.ApplyUnversioned(entries[index], index + 1);
            }

            // Format 1 kept no versions and no queue indexes. Replayed format 1 entries and a format 1 snapshot
            // must give the same state to the byte (version 0, creation order as queue order), or nodes whose
            // old snapshots were cut at different indexes would disagree after the upgrade.
            Assert.Multiple(() =>
            {
                Assert.That(fromSnapshot.ListPrinters(), Is.EqualTo(fromLog.ListPrinters()), "printers");
                Assert.That(fromSnapshot.ListFilaments(), Is.EqualTo(fromLog.ListFilaments()), "filaments");
                Assert.That(fromSnapshot.ListPrintJobs(), Is.EqualTo(fromLog.ListPrintJobs()), "print jobs");
                Assert.That(FarmSnapshotCodec.Digest(fromSnapshot), Is.EqualTo(FarmSnapshotCodec.Digest(fromLog)), "digest");
            });
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
