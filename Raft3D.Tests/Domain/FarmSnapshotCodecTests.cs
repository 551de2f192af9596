using Raft3D.StateMachine;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.PrintJobs;
using Raft3D.StateMachine.Snapshots;

namespace Raft3D.Tests.Domain;

[TestFixture]
[Category("Fast")]
public sealed class FarmSnapshotCodecTests
{
    [Test]
    public void A_snapshot_round_trips_entities_order_and_derived_indexes()
    {
        var state = SampleFarm();
        var restored = new FarmState();
        FarmSnapshotCodec.Read(FarmSnapshotCodec.Serialize(state), restored);
        Assert.Multiple(() =>
        {
            Assert.That(restored.ListPrinters(), Is.EqualTo(state.ListPrinters()));
            Assert.That(restored.ListFilaments(), Is.EqualTo(state.ListFilaments()));
            Assert.That(restored.ListPrintJobs(), Is.EqualTo(state.ListPrintJobs()));
            Assert.That(restored.ReservedGramsOf("f1"), Is.EqualTo(state.ReservedGramsOf("f1")));
            Assert.That(restored.Apply(new ChangePrintJobStatus("j2", PrintJobStatus.Running)).Error?.Code, Is.EqualTo("printer_busy"));
        });
    }

    [Test]
    public void Every_flipped_byte_is_detected_and_leaves_the_state_untouched()
    {
        var bytes = FarmSnapshotCodec.Serialize(SampleFarm());
        var target = new FarmState();
        target.Apply(new CreatePrinter("keep", "Prusa", "MK4"));
        for (var i = 0; i < bytes.Length; i++)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[i] ^= 0x5A;
            Assert.That(() => FarmSnapshotCodec.Read(damaged, target), Throws.TypeOf<InvalidDataException>(), $"byte {i}");
        }

        Assert.That(target.ListPrinters().Single().Id, Is.EqualTo("keep"));
    }

    [Test]
    public void A_truncated_snapshot_is_refused()
    {
        var bytes = FarmSnapshotCodec.Serialize(SampleFarm());
        Assert.That(() => FarmSnapshotCodec.Read(bytes.AsMemory(0, bytes.Length / 2), new FarmState()), Throws.TypeOf<InvalidDataException>());
        Assert.That(() => FarmSnapshotCodec.Read(Array.Empty<byte>(), new FarmState()), Throws.TypeOf<InvalidDataException>().With.Message.Contains("not a Raft3D snapshot"));
    }

    [Test]
    public void Reservations_rebuilt_from_a_snapshot_in_another_order_show_and_are_kept_exactly_alike()
    {
        // 0.50 + 345.5 - 0.50 + 0.5 is written 346.00 when summed as it happened, 346.0 when rebuilt from the two
        // open jobs; a kept outcome would carry either into the digest, and the API would show either.
        var state = new FarmState();
        state.Apply(new CreatePrinter("p1", "Prusa", "MK4"));
        state.Apply(new CreateFilament("f1", FilamentType.PLA, "Red", 1000m, 1000m));
        state.Apply(new CreatePrintJob("small", "p1", "f1", "/a.gcode", 0.50m));
        state.Apply(new CreatePrintJob("big", "p1", "f1", "/b.gcode", 345.5m));
        state.Apply(new ChangePrintJobStatus("small", PrintJobStatus.Canceled));
        state.Apply(new CreatePrintJob("tiny", "p1", "f1", "/c.gcode", 0.5m));
        var restored = new FarmState();
        FarmSnapshotCodec.Read(FarmSnapshotCodec.Serialize(state), restored, state.LastIndex);

        var edit = new EditFilament("f1", null, "Blue")
        {
            Idempotency = new IdempotencyKey("k1", new IdempotencyWindow(10, TimeSpan.FromHours(1))),
        };
        state.Apply(edit);
        restored.Apply(edit);
        Assert.Multiple(() =>
        {
            Assert.That(restored.DescribeFilament("f1")!.ReservedWeightInGrams.ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo("346"));
            Assert.That(state.DescribeFilament("f1")!.ReservedWeightInGrams.ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo("346"));
            Assert.That(FarmSnapshotCodec.Digest(restored), Is.EqualTo(FarmSnapshotCodec.Digest(state)));
        });
    }

    [Test]
    public void Digests_differ_when_states_differ()
    {
        var a = SampleFarm();
        var b = SampleFarm();
        Assert.That(FarmSnapshotCodec.Digest(a), Is.EqualTo(FarmSnapshotCodec.Digest(b)));
        b.Apply(new ChangePrintJobStatus("j1", PrintJobStatus.Done));
        Assert.That(FarmSnapshotCodec.Digest(a), Is.Not.EqualTo(FarmSnapshotCodec.Digest(b)));
    }

    [Test]
    public void Rows_keep_one_copy_of_a_repeated_label_or_id_whether_applied_or_restored()
    {
        // Each command carries its own string instances, as commands decoded from the log do.
        var state = new FarmState();
        state.Apply(new CreatePrinter("p1", new string("Prusa".AsSpan()), new string("MK4".AsSpan())));
        state.Apply(new CreatePrinter("p2", new string("Prusa".AsSpan()), new string("MK4".AsSpan())));
        state.Apply(new CreateFilament("f1", FilamentType.PLA, "Black", 1000m, 1000m));
        state.Apply(new CreatePrintJob("j1", new string("p1".AsSpan()), new string("f1".AsSpan()), new string("/a.gcode".AsSpan()), 10m));
        state.Apply(new CreatePrintJob("j2", new string("p2".AsSpan()), new string("f1".AsSpan()), new string("/a.gcode".AsSpan()), 10m));
        var restored = new FarmState();
        FarmSnapshotCodec.Read(FarmSnapshotCodec.Serialize(state), restored);

        foreach (var farm in new[] { state, restored })
        {
            var printers = farm.ListPrinters();
            var job = farm.FindPrintJob("j1")!;
            Assert.Multiple(() =>
            {
                Assert.That(ReferenceEquals(printers[0].Model, printers[1].Model), Is.True, "model");
                Assert.That(ReferenceEquals(printers[0].Company, printers[1].Company), Is.True, "company");
                Assert.That(ReferenceEquals(job.PrinterId, printers[0].Id), Is.True, "the job's printer id");
                Assert.That(ReferenceEquals(job.FilamentId, farm.FindFilament("f1")!.Id), Is.True, "the job's spool id");
                Assert.That(ReferenceEquals(job.Filepath, farm.FindPrintJob("j2")!.Filepath), Is.True, "the jobs' file path");
            });
        }
    }

    private static FarmState SampleFarm()
    {
        var state = new FarmState();
        state.Apply(new CreatePrinter("p1", "Prusa", "MK4"));
        state.Apply(new CreatePrinter("a0", "Bambu", "X1C"));
        state.Apply(new CreateFilament("f1", FilamentType.PETG, "Orange", 1000m, 900.25m));
        state.Apply(new CreatePrintJob("j1", "p1", "f1", "/a.gcode", 100m));
        state.Apply(new CreatePrintJob("j2", "p1", "f1", "/b.gcode", 50.5m));
        state.Apply(new ChangePrintJobStatus("j1", PrintJobStatus.Running));
        return state;
    }
}
