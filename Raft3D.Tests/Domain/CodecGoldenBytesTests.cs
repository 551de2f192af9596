using Raft3D.StateMachine;
using Raft3D.StateMachine.Codec;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.PrintJobs;
using Raft3D.StateMachine.Snapshots;

namespace Raft3D.Tests.Domain;

/// <summary>
/// Pins the exact bytes of every command kind and of one snapshot. Raft logs and snapshots already on disk hold
/// these bytes, so round-trip tests are not enough: a codec that changed its layout consistently on both sides
/// would pass them and still fail to read yesterday's log. A failure here is a format change; it needs a new
/// FormatVersion, not an edited constant.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class CodecGoldenBytesTests
{
    // Captured from the codecs at a2bc973, before the entities' shared fields moved into one writer per entity.
    private const string SnapshotHex =
        "5233445301" // "R3DS", format version 1
        + "01027031055072757361064D4B3420C39C" // one printer
        + "0102663102064F72616E6765D286010000000000000000000000020099380100000000000000000000000200A95F0100000000000000000000000200" // one filament, with its initial remaining weight last
        + "02026A31027031026631082F612E67636F64656400000000000000000000000000000003026A32027031026631082F622E67636F6465F901000000000000000000000000010001" // two jobs
        + "46F9D67D8F582667"; // XxHash64 of all of the above

    private static IEnumerable<TestCaseData> Commands()
    {
        yield return new TestCaseData(new CreatePrinter("p1", "Prusa", "MK4 Ü"), "0101027031055072757361064D4B3420C39C").SetArgDisplayNames("CreatePrinter");
        yield return new TestCaseData(new CreateFilament("f1", FilamentType.PETG, "Orange", 1000.50m, 900.25m), "010202663102064F72616E6765D2860100000000000000000000000200A95F0100000000000000000000000200").SetArgDisplayNames("CreateFilament");
        yield return new TestCaseData(new CreatePrintJob("j1", "p1", "f1", "/a.gcode", 12.5m, PrintJobStatus.Running), "0103026A31027031026631082F612E67636F64657D00000000000000000000000000010002").SetArgDisplayNames("CreatePrintJob");
        yield return new TestCaseData(new ChangePrintJobStatus("j1", PrintJobStatus.Canceled), "0104026A3104").SetArgDisplayNames("ChangePrintJobStatus");
        yield return new TestCaseData(new Checkpoint(TakeSnapshot: true), "010501").SetArgDisplayNames("Checkpoint");
    }

    [TestCaseSource(nameof(Commands))]
    public void A_command_encodes_to_its_pinned_bytes(Command command, string hex)
        => Assert.That(Convert.ToHexString(CommandCodec.Encode(command)), Is.EqualTo(hex));

    [TestCaseSource(nameof(Commands))]
    public void The_pinned_bytes_decode_to_the_command(Command command, string hex)
        => Assert.That(CommandCodec.Decode(Convert.FromHexString(hex)), Is.EqualTo(command));

    [Test]
    public void A_snapshot_serializes_to_its_pinned_bytes()
        => Assert.That(Convert.ToHexString(FarmSnapshotCodec.Serialize(SampleFarm())), Is.EqualTo(SnapshotHex));

    [Test]
    public void The_pinned_snapshot_reads_back_to_the_farm()
    {
        var expected = SampleFarm();
        var restored = new FarmState();
        FarmSnapshotCodec.Read(Convert.FromHexString(SnapshotHex), restored);
        Assert.Multiple(() =>
        {
            Assert.That(restored.ListPrinters(), Is.EqualTo(expected.ListPrinters()));
            Assert.That(restored.ListFilaments(), Is.EqualTo(expected.ListFilaments()));
            Assert.That(restored.ListPrintJobs(), Is.EqualTo(expected.ListPrintJobs()));
        });
    }

    /// <summary>One of each entity, with a spool whose remaining weight differs from its initial one after a finished job.</summary>
    private static FarmState SampleFarm()
    {
        var state = new FarmState();
        state.Apply(new CreatePrinter("p1", "Prusa", "MK4 Ü"));
        state.Apply(new CreateFilament("f1", FilamentType.PETG, "Orange", 1000.50m, 900.25m));
        state.Apply(new CreatePrintJob("j1", "p1", "f1", "/a.gcode", 100m));
        state.Apply(new CreatePrintJob("j2", "p1", "f1", "/b.gcode", 50.5m));
        state.Apply(new ChangePrintJobStatus("j1", PrintJobStatus.Running));
        state.Apply(new ChangePrintJobStatus("j1", PrintJobStatus.Done));
        return state;
    }
}
