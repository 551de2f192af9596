using Raft3D.StateMachine;
using Raft3D.StateMachine.Codec;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.PrintJobs;
using Raft3D.StateMachine.Snapshots;

namespace Raft3D.Tests.Domain;

/// <summary>
/// Pins the exact bytes of every command kind and of snapshots. Raft logs and snapshots already on disk hold
/// these bytes, so round-trip tests are not enough: a codec that changed its layout consistently on both sides
/// would pass them and still fail to read yesterday's log. A failure here is a format change; it needs a new
/// FormatVersion, not an edited constant. Format 1 is no longer written, so its pins are decode-only: a node
/// must still read every log entry and snapshot an older node wrote.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class CodecGoldenBytesTests
{
    // Captured from the codecs at a2bc973, before the entities' shared fields moved into one writer per entity.
    private const string Format1SnapshotHex =
        "5233445301" // "R3DS", format version 1
        + "01027031055072757361064D4B3420C39C" // one printer
        + "0102663102064F72616E6765D286010000000000000000000000020099380100000000000000000000000200A95F0100000000000000000000000200" // one filament, with its initial remaining weight last
        + "02026A31027031026631082F612E67636F64656400000000000000000000000000000003026A32027031026631082F622E67636F6465F901000000000000000000000000010001" // two jobs
        + "46F9D67D8F582667"; // XxHash64 of all of the above

    /// <summary>The log index the format 1 snapshot was taken at: <see cref="Format1Farm"/> is six entries.</summary>
    private const long Format1SnapshotIndex = 6;

    // Captured from the codecs at 10074f4, the first to write format 2. Times are Stamp plus whole seconds.
    private const string Format2SnapshotHex =
        "5233445302" // "R3DS", format version 2
        + "A37BEA14A2010000" // the clock: Stamp + 16 s, the last change; the refused command's later stamp is not in it
        + "03" // three printers: fields, in maintenance, deleted, created, updated, deleted at, version, completed jobs, printed grams, the create as sent if since edited
        + "027031055072757361044D4B34530000233DEA14A2010000A37BEA14A2010000000000000000000012000000000000000000000000000000000001055072757361034D4B34" // p1, edited
        + "0270320542616D62750358314301000B41EA14A20100003364EA14A201000000000000000000000B01F901000000000000000000000000010000" // p2, in maintenance, one job done
        + "02703308437265616C69747906456E646572330001F344EA14A20100009354EA14A20100009354EA14A201000007000000000000000000000000000000000000" // p3, deleted
        + "02" // two filaments: fields, initial remaining, archived, created, updated, archived at, version, the create as sent if since edited
        + "02663102064F72616E6765D2860100000000000000000000000200EF4B0100000000000000000000000200A95F010000000000000000000000020000DB48EA14A20100004B60EA14A201000000000000000000000A00" // f1
        + "0266320105426C61636BEE020000000000000000000000000000EE020000000000000000000000000000EE02000000000000000000000000000001C34CEA14A2010000AB50EA14A2010000AB50EA14A20100000600" // f2, archived
        + "04" // four jobs: fields, reassigned, created, started, finished, progress, version, queued index, the create as sent if since edited
        + "026A310270320266310B2F646F6E652E67636F6465F901000000000000000000000000010003007B58EA14A2010000635CEA14A20100004B60EA14A2010000640A0800" // j1, Done
        + "026A320270310266310E2F72756E6E696E672E67636F64656400000000000000000000000000000002001B68EA14A20100001B68EA14A20100000000000000000000280E0C00" // j2, Running at 40 %, started when created
        + "026A330270310266310C2F6D6F7665642E67636F64657D0000000000000000000000000001000101EB6FEA14A20100000000000000000000000000000000000000101000" // j3, reassigned to p1
        + "026A34000266310E2F77616974696E672E67636F6465140000000000000000000000000000000100BB77EA14A20100000000000000000000000000000000000000111100" // j4, unassigned
        + "F9D8B33A74380436"; // XxHash64 of all of the above

    private static readonly DateTimeOffset Stamp = new(2026, 11, 25, 22, 53, 45, 123, TimeSpan.Zero);

    private static IEnumerable<TestCaseData> Format1Commands()
    {
        yield return new TestCaseData(new CreatePrinter("p1", "Prusa", "MK4 Ü"), "0101027031055072757361064D4B3420C39C").SetArgDisplayNames("CreatePrinter");
        yield return new TestCaseData(new CreateFilament("f1", FilamentType.PETG, "Orange", 1000.50m, 900.25m), "010202663102064F72616E6765D2860100000000000000000000000200A95F0100000000000000000000000200").SetArgDisplayNames("CreateFilament");
        yield return new TestCaseData(new CreatePrintJob("j1", "p1", "f1", "/a.gcode", 12.5m, PrintJobStatus.Running), "0103026A31027031026631082F612E67636F64657D00000000000000000000000000010002").SetArgDisplayNames("CreatePrintJob");
        yield return new TestCaseData(new ChangePrintJobStatus("j1", PrintJobStatus.Canceled), "0104026A3104").SetArgDisplayNames("ChangePrintJobStatus");
        yield return new TestCaseData(new Checkpoint(TakeSnapshot: true), "010501").SetArgDisplayNames("Checkpoint");
    }

    // Format 2: version byte, tag byte, the leader's stamp as 8 little-endian bytes of Unix milliseconds (0: none;
    // 233DEA14A2010000 is Stamp), the If-Match version plus one as a varint (0: none; 01 names version 0, which
    // format 1 entities have; AD02 is 300), then the body.
    private static IEnumerable<TestCaseData> Format2Commands()
    {
        yield return Pin(new CreatePrinter("p1", "Prusa", "MK4 Ü") { StampedAt = Stamp }, "0201233DEA14A201000000027031055072757361064D4B3420C39C");
        yield return Pin(new CreateFilament("f1", FilamentType.PETG, "Orange", 1000.50m, 900.25m) { StampedAt = Stamp }, "0202233DEA14A20100000002663102064F72616E6765D2860100000000000000000000000200A95F0100000000000000000000000200");
        yield return Pin(new CreatePrintJob("j1", null, "f1", "/a.gcode", 12.5m) { StampedAt = Stamp }, "0203233DEA14A201000000026A3100026631082F612E67636F64657D00000000000000000000000000010001");
        yield return Pin(new ChangePrintJobStatus("j1", PrintJobStatus.Canceled) { StampedAt = Stamp, ExpectedVersion = 7 }, "0204233DEA14A201000008026A3104");
        yield return Pin(new Checkpoint(TakeSnapshot: true), "020500000000000000000001");
        yield return Pin(new EditPrinter("p1", null, "XL") { ExpectedVersion = 300 }, "02060000000000000000AD02027031000102584C");
        yield return Pin(new SetPrinterMaintenance("p1", true) { StampedAt = Stamp, ExpectedVersion = 5 }, "0207233DEA14A20100000602703101");
        yield return Pin(new DeletePrinter("p1") { StampedAt = Stamp }, "0208233DEA14A201000000027031");
        yield return Pin(new DispatchPrinter("p1") { StampedAt = Stamp, ExpectedVersion = 9 }, "0209233DEA14A20100000A027031");
        yield return Pin(new EditFilament("f1", FilamentType.PLA, null) { StampedAt = Stamp }, "020A233DEA14A2010000000266310100");
        yield return Pin(new ArchiveFilament("f1") { ExpectedVersion = 0 }, "020B000000000000000001026631");
        yield return Pin(new AssignPrintJob("j1", "p2") { StampedAt = Stamp }, "020C233DEA14A201000000026A31027032");
        yield return Pin(new ReportPrintJobProgress("j1", 42) { StampedAt = Stamp, ExpectedVersion = 12 }, "020D233DEA14A20100000D026A312A");
        yield return Pin(new EditPrintJob("j1", null, 20.25m) { StampedAt = Stamp }, "020E233DEA14A201000000026A310001E9070000000000000000000000000200");
    }

    [TestCaseSource(nameof(Format1Commands))]
    public void Format_1_bytes_still_decode_to_the_same_command(Command command, string hex)
        => Assert.That(CommandCodec.Decode(Convert.FromHexString(hex)), Is.EqualTo(command));

    [TestCaseSource(nameof(Format2Commands))]
    public void A_command_encodes_to_its_pinned_bytes(Command command, string hex)
        => Assert.That(Convert.ToHexString(CommandCodec.Encode(command)), Is.EqualTo(hex));

    [TestCaseSource(nameof(Format2Commands))]
    public void The_pinned_bytes_decode_to_the_command(Command command, string hex)
        => Assert.That(CommandCodec.Decode(Convert.FromHexString(hex)), Is.EqualTo(command));

    [Test]
    public void Every_command_kind_has_pinned_bytes()
        => Assert.That(Format2Commands().Select(pin => ((Command)pin.Arguments[0]!).Tag), Is.EquivalentTo(Enum.GetValues<CommandTag>()));

    [Test]
    public void The_format_1_snapshot_still_reads_back_to_the_farm_its_format_1_entries_give()
    {
        var expected = Format1Farm();
        var restored = new FarmState();
        FarmSnapshotCodec.Read(Convert.FromHexString(Format1SnapshotHex), restored, Format1SnapshotIndex);

        // Format 1 kept no versions, times, queue tickets or printer totals. Reading it must give what replaying
        // the format 1 entries gives (version 0, no times, creation-order tickets, totals from Done jobs), or a
        // node restored from an old snapshot would disagree with one that replayed the old log.
        Assert.Multiple(() =>
        {
            Assert.That(restored.LastIndex, Is.EqualTo(Format1SnapshotIndex));
            Assert.That(restored.Clock, Is.Null);
            Assert.That(restored.ListPrinters(), Is.EqualTo(expected.ListPrinters()));
            Assert.That(restored.ListPrinters().Single(), Has.Property("Version").Zero.And.Property("CompletedJobs").EqualTo(1).And.Property("PrintedWeightInGrams").EqualTo(100m));
            Assert.That(restored.ListFilaments(), Is.EqualTo(expected.ListFilaments()));
            Assert.That(restored.ListPrintJobs(), Is.EqualTo(expected.ListPrintJobs()));
            Assert.That(restored.ListPrintJobs().Select(j => restored.DescribePrintJob(j.Id)!.QueuePosition), Is.EqualTo(new int?[] { null, 1 }));
            Assert.That(restored.ReservedGramsOf("f1"), Is.EqualTo(50.5m));
            Assert.That(FarmSnapshotCodec.Digest(restored), Is.EqualTo(FarmSnapshotCodec.Digest(expected)));
        });
    }

    [Test]
    public void A_snapshot_serializes_to_its_pinned_bytes()
        => Assert.That(Convert.ToHexString(FarmSnapshotCodec.Serialize(StampedFarm())), Is.EqualTo(Format2SnapshotHex));

    [Test]
    public void The_pinned_snapshot_reads_back_to_the_farm()
    {
        var expected = StampedFarm();
        var restored = new FarmState();
        FarmSnapshotCodec.Read(Convert.FromHexString(Format2SnapshotHex), restored, expected.LastIndex);
        Assert.Multiple(() =>
        {
            Assert.That(restored.Clock, Is.EqualTo(expected.Clock));
            Assert.That(restored.ListPrinters(), Is.EqualTo(expected.ListPrinters()));
            Assert.That(restored.ListFilaments(), Is.EqualTo(expected.ListFilaments()));
            Assert.That(restored.ListPrintJobs(), Is.EqualTo(expected.ListPrintJobs()));

            // What is derived rather than stored: printer state, running job and queue, job positions, reservations.
            Assert.That(restored.ListPrinters().Select(p => restored.DescribePrinter(p.Id)), Is.EqualTo(expected.ListPrinters().Select(p => expected.DescribePrinter(p.Id))));
            Assert.That(restored.ListPrintJobs().Select(j => restored.DescribePrintJob(j.Id)), Is.EqualTo(expected.ListPrintJobs().Select(j => expected.DescribePrintJob(j.Id))));
            Assert.That(restored.QueueLengthOf(null), Is.EqualTo(1));
            Assert.That(restored.ReservedGramsOf("f1"), Is.EqualTo(expected.ReservedGramsOf("f1")));
            Assert.That(FarmSnapshotCodec.Digest(restored), Is.EqualTo(FarmSnapshotCodec.Digest(expected)));
        });
    }

    /// <summary>
    /// The farm of the format 1 snapshot, built as a node replays its format 1 log entries: one of each entity,
    /// with a spool whose remaining weight differs from its initial one after a finished job.
    /// </summary>
    private static FarmState Format1Farm()
    {
        var state = new FarmState();
        Command[] entries =
        [
            new CreatePrinter("p1", "Prusa", "MK4 Ü"),
            new CreateFilament("f1", FilamentType.PETG, "Orange", 1000.50m, 900.25m),
            new CreatePrintJob("j1", "p1", "f1", "/a.gcode", 100m),
            new CreatePrintJob("j2", "p1", "f1", "/b.gcode", 50.5m),
            new ChangePrintJobStatus("j1", PrintJobStatus.Running),
            new ChangePrintJobStatus("j1", PrintJobStatus.Done),
        ];
        for (var index = 1; index <= entries.Length; index++)
        {
            state.ApplyUnversioned(entries[index - 1], index);
        }

        return state;
    }

    private static TestCaseData Pin(Command command, string hex) => new TestCaseData(command, hex).SetArgDisplayNames(command.Tag.ToString());

    /// <summary>
    /// Everything format 2 added: a printer in maintenance with a finished job, a deleted printer, an archived
    /// spool, a running job with progress (dispatched by a command whose stamp lagged the clock, so it started
    /// when it was created), a job reassigned from the unassigned queue, an unassigned job, an edited printer,
    /// and a refused command whose later stamp leaves no trace on the clock.
    /// </summary>
    private static FarmState StampedFarm()
    {
        var state = new FarmState();
        var second = 0;
        void At(int seconds, Command command) => state.Apply(command with { StampedAt = Stamp.AddSeconds(seconds) });
        void Next(Command command) => At(second++, command);
        Next(new CreatePrinter("p1", "Prusa", "MK4"));
        Next(new CreatePrinter("p2", "Bambu", "X1C"));
        Next(new CreatePrinter("p3", "Creality", "Ender3"));
        Next(new CreateFilament("f1", FilamentType.PETG, "Orange", 1000.50m, 900.25m));
        Next(new CreateFilament("f2", FilamentType.PLA, "Black", 750m, 750m));
        Next(new ArchiveFilament("f2"));
        Next(new DeletePrinter("p3"));
        Next(new CreatePrintJob("j1", "p2", "f1", "/done.gcode", 50.5m));
        Next(new ChangePrintJobStatus("j1", PrintJobStatus.Running));
        Next(new ChangePrintJobStatus("j1", PrintJobStatus.Done));
        Next(new SetPrinterMaintenance("p2", true));
        Next(new CreatePrintJob("j2", "p1", "f1", "/running.gcode", 100m));
        At(5, new DispatchPrinter("p1"));
        Next(new ReportPrintJobProgress("j2", 40));
        Next(new CreatePrintJob("j3", null, "f1", "/moved.gcode", 12.5m));
        Next(new AssignPrintJob("j3", "p1"));
        Next(new CreatePrintJob("j4", null, "f1", "/waiting.gcode", 20m));
        Next(new EditPrinter("p1", null, "MK4S"));
        At(3600, new DispatchPrinter("p2"));
        return state;
    }
}
