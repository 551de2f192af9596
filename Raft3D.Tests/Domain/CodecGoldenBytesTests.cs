using System.Buffers;
using Raft3D.StateMachine;
using Raft3D.StateMachine.Codec;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Idempotency;
using Raft3D.StateMachine.Ledger;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.PrintJobs;
using Raft3D.StateMachine.Snapshots;

namespace Raft3D.Tests.Domain;

/// <summary>
/// Pins the exact bytes of every command kind and of snapshots. Raft logs and snapshots already on disk hold
/// these bytes, so round-trip tests are not enough: a codec that changed its layout consistently on both sides
/// would pass them and still fail to read yesterday's log. A failure here is a format change; it needs a new
/// FormatVersion, not an edited constant. Formats 1 and 2 are no longer written, so their pins are decode-only: a
/// node must still read every log entry and snapshot an older node wrote, and get the state their entries give.
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

    // Captured from the codecs at 10074f4, the first to write format 2 (the last was dc1bdf8). Times are Stamp plus
    // whole seconds. The farm is StampedFarm's history.
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

    // Captured from the codecs of the commit that added format 3 (7db77e2), with a kept key moving the clock. Times
    // are Stamp plus whole seconds. The farm is LedgerFarm's history.
    private const string Format3SnapshotHex =
        "5233445303" // "R3DS", format version 3
        + "1BDFEB14A2010000" // the clock: Stamp + 107 s, the refused keyed command, whose kept key moved it
        + "04" // four printers: format 2's fields as before (see the format 2 pin)
        + "027031055072757361044D4B34530000233DEA14A20100007BCFEB14A2010000000000000000000017014D7F010000000000000000000000030001055072757361034D4B34" // p1, edited, running j2 until it was Done, then j3 queued
        + "0270320542616D62750358314301000B41EA14A20100003364EA14A201000000000000000000000B01F901000000000000000000000000010000" // p2, in maintenance, one job done
        + "02703308437265616C69747906456E646572330001F344EA14A20100009354EA14A20100009354EA14A201000007000000000000000000000000000000000000" // p3, deleted
        + "0270340542616D62750241310000C3C3EB14A201000063D3EB14A2010000000000000000000018000000000000000000000000000000000000" // p4, created with a key
        + "03" // three filaments: format 2's fields, then spool weight, threshold, and those of the create as sent if since edited
        + "02663102064F72616E6765D2860100000000000000000000000200054F0B00000000000000000000000300A95F010000000000000000000000020000DB48EA14A20100004BD7EB14A2010000000000000000000019000000" // f1, no stock settings
        + "0266320105426C61636BEE020000000000000000000000000000EE020000000000000000000000000000EE02000000000000000000000000000001C34CEA14A2010000AB50EA14A2010000AB50EA14A201000006000000" // f2, archived
        + "026633040B5472616E73706172656E74F4010000000000000000000000000000A4010000000000000000000000000000E001000000000000000000000000000000ABC7EB14A201000033DBEB14A201000000000000000000001A010405436C65617201B40000000000000000000000000000000001B400000000000000000000000000000001F9010000000000000000000000000100" // f3, spool weight 180 g and threshold 50.5 g at create; the edit cleared the threshold and renamed it
        + "05" // five jobs: format 2's fields, then actual weight, created, started and finished index
        + "026A310270320266310B2F646F6E652E67636F6465F901000000000000000000000000010003007B58EA14A2010000635CEA14A20100004B60EA14A2010000640A08000008090A" // j1, Done (created 8, started 9, finished 10)
        + "026A320270310266310E2F72756E6E696E672E67636F64656400000000000000000000000000000003001B68EA14A20100001B68EA14A20100007BCFEB14A201000064170C00014D7F01000000000000000000000003000C0D17" // j2, Done with an actual weight of 98.125 g (started 13, finished 23)
        + "026A330270310266310C2F6D6F7665642E67636F64657D0000000000000000000000000001000101EB6FEA14A20100000000000000000000000000000000000000101000000F0000" // j3, reassigned to p1
        + "026A34000266310E2F77616974696E672E67636F6465140000000000000000000000000000000100BB77EA14A2010000000000000000000000000000000000000011110000110000" // j4, unassigned
        + "026A350270340266330D2F7175657565642E67636F64651E000000000000000000000000000000010063D3EB14A2010000000000000000000000000000000000000018180000180000" // j5, queued on p4
        + "04" // the ledgers, spool by spool: a count, then kind, grams, remaining after, index, time, job, key, reason; f1:
        + "01A95F0100000000000000000000000200A95F010000000000000000000000020004DB48EA14A2010000000000" // initial 900.25 g at index 4
        + "02F9010000000000000000000000000180EF4B01000000000000000000000002000A4B60EA14A201000001026A310000" // consume j1, 50.5 g
        + "024D7F010000000000000000000000038009780B00000000000000000000000300177BCFEB14A201000001026A320107646F6E652D6A3200" // consume j2, 98.125 g, key done-j2
        + "0369000000000000000000000000000180054F0B00000000000000000000000300194BD7EB14A201000000010961646A7573742D663101077370696C6C6564" // adjust -10.5 g, key adjust-f1, "spilled"
        + "01" // f2:
        + "01EE020000000000000000000000000000EE02000000000000000000000000000005C34CEA14A2010000000000" // initial 750 g
        + "02" // f3:
        + "01E0010000000000000000000000000000E001000000000000000000000000000015ABC7EB14A20100000001096372656174652D663300" // initial 480 g, key create-f3
        + "043C000000000000000000000000000080A40100000000000000000000000000001A33DBEB14A20100000000010F7765656B6C792077656967682D696E" // measure -60 g (600 g gross less the stored 180 g spool), "weekly weigh-in"
        + "07" // seven kept keys, oldest first: key, fingerprint, index, time, outcome kind, then its error or entity
        + "096372656174652D7034B5AB21CCA3FD5A209229EC6D651EE88014C3C3EB14A201000000010270340542616D62750241310000C3C3EB14A2010000C3C3EB14A2010000000000000000000014000000000000000000000000000000000000010000" // create-p4: Created, a printer (row, state, running job, queued jobs)
        + "096372656174652D6633D40AD7B343F9079A5F8B04E066E2DD1B15ABC7EB14A201000000020266330405436C656172F4010000000000000000000000000000E0010000000000000000000000000000E001000000000000000000000000000000ABC7EB14A2010000ABC7EB14A20100000000000000000000150001B400000000000000000000000000000001F901000000000000000000000000010000000000000000000000000000000000" // create-f3: Created, a spool (row, reserved grams)
        + "07646F6E652D6A323FA645D4AA9DC491AA8880906AB27A2A177BCFEB14A20100000103026A320270310266310E2F72756E6E696E672E67636F64656400000000000000000000000000000003001B68EA14A20100001B68EA14A20100007BCFEB14A201000064170C00014D7F01000000000000000000000003000C0D1700" // done-j2: Updated, a job (row, queue position + 1: none)
        + "096372656174652D6A35AB3AE8472F6DF5AFBB7602EF5D4360C11863D3EB14A20100000003026A350270340266330D2F7175657565642E67636F64651E000000000000000000000000000000010063D3EB14A201000000000000000000000000000000000000001818000018000002" // create-j5: Created, a queued job (position 1)
        + "0961646A7573742D6631E06925238F9AFDC9C9EAE8680036D520194BD7EB14A2010000010202663102064F72616E6765D2860100000000000000000000000200054F0B00000000000000000000000300A95F010000000000000000000000020000DB48EA14A20100004BD7EB14A201000000000000000000001900000045010000000000000000000000000100" // adjust-f1: Updated, a spool
        + "0772656675736564CB2A7C23EAEDE6FB1D3452A7ADB37F951B1BDFEB14A201000003096E6F745F666F756E642046696C616D656E74202767686F73742720646F6573206E6F742065786973742E" // refused: Rejected, code and detail
        + "096E6F2D656E746974791032547698BADCFEEFCDAB89674523011B1BDFEB14A20100000200" // no-entity: Unchanged, no entity
        + "E78545E558F16231"; // XxHash64 of all of the above

    private static readonly string[] KeptKeys = ["create-p4", "create-f3", "done-j2", "create-j5", "adjust-f1", "refused", "no-entity"];

    private static readonly DateTimeOffset Stamp = new(2026, 11, 25, 22, 53, 45, 123, TimeSpan.Zero);

    /// <summary>A fingerprint as the pins write it; pinned with the bytes, so a change to how it is computed fails too.</summary>
    private static RequestFingerprint Fingerprint(string hex)
    {
        var value = UInt128.Parse(hex, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        return new RequestFingerprint(Low: (ulong)value, High: (ulong)(value >> 64));
    }

    private static IEnumerable<TestCaseData> Format1Commands()
    {
        yield return new TestCaseData(new CreatePrinter("p1", "Prusa", "MK4 Ü"), "0101027031055072757361064D4B3420C39C").SetArgDisplayNames("CreatePrinter");
        yield return new TestCaseData(new CreateFilament("f1", FilamentType.PETG, "Orange", 1000.50m, 900.25m), "010202663102064F72616E6765D2860100000000000000000000000200A95F0100000000000000000000000200").SetArgDisplayNames("CreateFilament");
        yield return new TestCaseData(new CreatePrintJob("j1", "p1", "f1", "/a.gcode", 12.5m, PrintJobStatus.Running), "0103026A31027031026631082F612E67636F64657D00000000000000000000000000010002").SetArgDisplayNames("CreatePrintJob");
        yield return new TestCaseData(new ChangePrintJobStatus("j1", PrintJobStatus.Canceled), "0104026A3104").SetArgDisplayNames("ChangePrintJobStatus");
        yield return new TestCaseData(new Checkpoint(TakeSnapshot: true), "010501").SetArgDisplayNames("Checkpoint");
    }

    // Format 2, as commits 10074f4 to dc1bdf8 wrote it: version byte, tag byte, the
    // leader's stamp as 8 little-endian bytes of Unix milliseconds (0: none; 233DEA14A2010000 is Stamp), the
    // If-Match version plus one as a varint (0: none; 01 names version 0, which format 1 entities have; AD02 is
    // 300), then the body.
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

    // Format 3: as format 2, then after the If-Match the Idempotency-Key (00: none; 01, its length and bytes, the
    // window's MaxKeys and MaxAge in milliseconds as varints: A08D06 80B89929 is 100,000 keys for 24 h), then the
    // body, whose fields new in format 3 follow the older ones (stock settings on a create, an actual weight on a
    // status change, weight patches on an edit: 00 keep, 01 clear, 02 and the weight: set).
    private static IEnumerable<TestCaseData> Format3Commands()
    {
        yield return Pin(new CreatePrinter("p1", "Prusa", "MK4 Ü") { StampedAt = Stamp, Idempotency = new IdempotencyKey("create-p1", IdempotencyWindow.Default) { Fingerprint = Fingerprint("4FBA3FDCE2309B5519BBFBDFA7C7F312") } }, "0301233DEA14A20100000001096372656174652D7031A08D0680B8992912F3C7A7DFFBBB19559B30E2DC3FBA4F027031055072757361064D4B3420C39C", "CreatePrinter with a key");
        yield return Pin(new CreateFilament("f1", FilamentType.PETG, "Orange", 1000.50m, 900.25m) { StampedAt = Stamp, SpoolWeightInGrams = 250m, LowStockThresholdInGrams = 100.5m }, "0302233DEA14A2010000000002663102064F72616E6765D2860100000000000000000000000200A95F010000000000000000000000020001FA00000000000000000000000000000001ED030000000000000000000000000100", "CreateFilament with stock settings");
        yield return Pin(new CreateFilament("f2", FilamentType.PLA, "Black", 750m, 750m) { StampedAt = Stamp }, "0302233DEA14A201000000000266320105426C61636BEE020000000000000000000000000000EE0200000000000000000000000000000000", "CreateFilament");
        yield return Pin(new CreatePrintJob("j1", null, "f1", "/a.gcode", 12.5m) { StampedAt = Stamp }, "0303233DEA14A20100000000026A3100026631082F612E67636F64657D00000000000000000000000000010001");
        yield return Pin(new ChangePrintJobStatus("j1", PrintJobStatus.Done) { StampedAt = Stamp, ExpectedVersion = 7, ActualWeightInGrams = 11.875m }, "0304233DEA14A20100000800026A310301632E0000000000000000000000000300", "ChangePrintJobStatus Done with an actual weight");
        yield return Pin(new ChangePrintJobStatus("j1", PrintJobStatus.Canceled) { StampedAt = Stamp }, "0304233DEA14A20100000000026A310400", "ChangePrintJobStatus");
        yield return Pin(new Checkpoint(TakeSnapshot: true), "03050000000000000000000001");
        yield return Pin(new EditPrinter("p1", null, "XL") { ExpectedVersion = 300 }, "03060000000000000000AD0200027031000102584C");
        yield return Pin(new SetPrinterMaintenance("p1", true) { StampedAt = Stamp, ExpectedVersion = 5 }, "0307233DEA14A2010000060002703101");
        yield return Pin(new DeletePrinter("p1") { StampedAt = Stamp }, "0308233DEA14A20100000000027031");
        yield return Pin(new DispatchPrinter("p1") { StampedAt = Stamp, ExpectedVersion = 9, Idempotency = new IdempotencyKey("k", new IdempotencyWindow(3, TimeSpan.FromSeconds(5))) { Fingerprint = Fingerprint("66C5B90796E54E052E33358C7893AA60") } }, "0309233DEA14A20100000A01016B03882760AA93788C35332E054EE59607B9C566027031", "DispatchPrinter with a key and a small window");
        yield return Pin(new EditFilament("f1", FilamentType.PLA, null) { StampedAt = Stamp }, "030A233DEA14A2010000000002663101000000", "EditFilament keeping the stock settings");
        yield return Pin(new EditFilament("f1", null, "Blue") { StampedAt = Stamp, SpoolWeightInGrams = WeightPatch.Set(250.5m), LowStockThresholdInGrams = WeightPatch.Remove }, "030A233DEA14A20100000000026631000104426C756502C909000000000000000000000000010001", "EditFilament setting and clearing");
        yield return Pin(new ArchiveFilament("f1") { ExpectedVersion = 0 }, "030B00000000000000000100026631");
        yield return Pin(new AssignPrintJob("j1", "p2") { StampedAt = Stamp }, "030C233DEA14A20100000000026A31027032");
        yield return Pin(new ReportPrintJobProgress("j1", 42) { StampedAt = Stamp, ExpectedVersion = 12 }, "030D233DEA14A20100000D00026A312A");
        yield return Pin(new EditPrintJob("j1", null, 20.25m) { StampedAt = Stamp }, "030E233DEA14A20100000000026A310001E9070000000000000000000000000200");
        yield return Pin(new AdjustFilament("f1", -12.5m, "spilled") { StampedAt = Stamp, ExpectedVersion = 4, Idempotency = new IdempotencyKey("adjust-f1", IdempotencyWindow.Default) { Fingerprint = Fingerprint("F3E6DA25AAE1FBA53AFF12CB377674EF") } }, "030F233DEA14A201000005010961646A7573742D6631A08D0680B89929EF747637CB12FF3AA5FBE1AA25DAE6F30266317D00000000000000000000000000018001077370696C6C6564", "AdjustFilament with a key and a reason");
        yield return Pin(new AdjustFilament("f1", 100m, null) { StampedAt = Stamp }, "030F233DEA14A201000000000266316400000000000000000000000000000000", "AdjustFilament");
        yield return Pin(new MeasureFilament("f1", 1234.5m, 250m, "weekly") { StampedAt = Stamp }, "0310233DEA14A201000000000266313930000000000000000000000000010001FA00000000000000000000000000000001067765656B6C79", "MeasureFilament with a spool weight and a reason");
        yield return Pin(new MeasureFilament("f1", 1234.5m, null, null) { StampedAt = Stamp }, "0310233DEA14A20100000000026631393000000000000000000000000001000000", "MeasureFilament");
    }

    [TestCaseSource(nameof(Format1Commands))]
    public void Format_1_bytes_still_decode_to_the_same_command(Command command, string hex)
        => Assert.That(CommandCodec.Decode(Convert.FromHexString(hex)), Is.EqualTo(command));

    [TestCaseSource(nameof(Format2Commands))]
    public void Format_2_bytes_still_decode_to_the_same_command(Command command, string hex)
    {
        Assert.That(CommandCodec.Decode(new ReadOnlySequence<byte>(Convert.FromHexString(hex)), out var version), Is.EqualTo(command));
        Assert.That(CommandCodec.EraOf(version), Is.EqualTo(LogEra.BeforeLedger), "applied as format 2 entries are");
    }

    [TestCaseSource(nameof(Format3Commands))]
    public void A_command_encodes_to_its_pinned_bytes(Command command, string hex)
        => Assert.That(Convert.ToHexString(CommandCodec.Encode(command)), Is.EqualTo(hex));

    [TestCaseSource(nameof(Format3Commands))]
    public void The_pinned_bytes_decode_to_the_command(Command command, string hex)
        => Assert.That(CommandCodec.Decode(Convert.FromHexString(hex)), Is.EqualTo(command));

    [Test]
    public void Every_command_kind_has_pinned_bytes()
        => Assert.That(Format3Commands().Select(pin => ((Command)pin.Arguments[0]!).Tag).Distinct(), Is.EquivalentTo(Enum.GetValues<CommandTag>()));

    [Test]
    public void Every_format_2_command_kind_still_has_pinned_bytes()
        => Assert.That(Format2Commands().Select(pin => ((Command)pin.Arguments[0]!).Tag), Is.EquivalentTo(Enum.GetValues<CommandTag>().Where(t => t <= CommandTag.EditPrintJob)));

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

    /// <summary>
    /// A format 2 snapshot holds no ledger, no history indexes and no keys. Reading it must give what replaying
    /// the format 2 entries that made it gives today (<see cref="LogEra.BeforeLedger"/>): the ledger rebuilt from
    /// the spools and their Done jobs, creations and starts at history index 0, finishes at their version. Else a
    /// node restored from an old snapshot would disagree with one that replayed the old log.
    /// </summary>
    [Test]
    public void The_format_2_snapshot_still_reads_back_to_the_farm_its_format_2_entries_give()
    {
        var expected = StampedFarm(LogEra.BeforeLedger);
        var restored = new FarmState();
        FarmSnapshotCodec.Read(Convert.FromHexString(Format2SnapshotHex), restored, expected.LastIndex);
        Assert.Multiple(() =>
        {
            Assert.That(restored.Clock, Is.EqualTo(expected.Clock));
            Assert.That(restored.ListPrinters(), Is.EqualTo(expected.ListPrinters()));
            Assert.That(restored.ListFilaments(), Is.EqualTo(expected.ListFilaments()));
            Assert.That(restored.ListPrintJobs(), Is.EqualTo(expected.ListPrintJobs()));
            Assert.That(restored.ListPrintJobs().Select(j => (j.CreatedIndex, j.StartedIndex, j.FinishedIndex)), Is.EqualTo(new[] { (0L, 0L, 10L), (0L, 0L, 0L), (0L, 0L, 0L), (0L, 0L, 0L) }));
            Assert.That(restored.LedgerOf("f1"), Is.EqualTo(expected.LedgerOf("f1")));
            Assert.That(restored.LedgerOf("f1").Select(e => (e.Kind, e.Grams, e.Index, e.JobId)), Is.EqualTo(new[] { (LedgerEntryKind.Initial, 900.25m, 0L, (string?)null), (LedgerEntryKind.Consume, -50.5m, 10L, "j1") }));
            Assert.That(restored.LedgerOf("f2"), Is.EqualTo(expected.LedgerOf("f2")));
            Assert.That(restored.IdempotencyKeyCount, Is.Zero);

            // What is derived rather than stored: printer state, running job and queue, job positions, reservations.
            Assert.That(restored.ListPrinters().Select(p => restored.DescribePrinter(p.Id)), Is.EqualTo(expected.ListPrinters().Select(p => expected.DescribePrinter(p.Id))));
            Assert.That(restored.ListPrintJobs().Select(j => restored.DescribePrintJob(j.Id)), Is.EqualTo(expected.ListPrintJobs().Select(j => expected.DescribePrintJob(j.Id))));
            Assert.That(restored.QueueLengthOf(null), Is.EqualTo(1));
            Assert.That(restored.ReservedGramsOf("f1"), Is.EqualTo(expected.ReservedGramsOf("f1")));
            Assert.That(FarmSnapshotCodec.Digest(restored), Is.EqualTo(FarmSnapshotCodec.Digest(expected)));
        });
    }

    [Test]
    public void A_snapshot_serializes_to_its_pinned_bytes()
        => Assert.That(Convert.ToHexString(FarmSnapshotCodec.Serialize(LedgerFarm())), Is.EqualTo(Format3SnapshotHex));

    [Test]
    public void The_pinned_snapshot_reads_back_to_the_farm()
    {
        var expected = LedgerFarm();
        var restored = new FarmState();
        FarmSnapshotCodec.Read(Convert.FromHexString(Format3SnapshotHex), restored, expected.LastIndex);
        Assert.Multiple(() =>
        {
            Assert.That(restored.Clock, Is.EqualTo(expected.Clock));
            Assert.That(restored.ListPrinters(), Is.EqualTo(expected.ListPrinters()));
            Assert.That(restored.ListFilaments(), Is.EqualTo(expected.ListFilaments()));
            Assert.That(restored.ListPrintJobs(), Is.EqualTo(expected.ListPrintJobs()));
            foreach (var filament in expected.ListFilaments())
            {
                Assert.That(restored.LedgerOf(filament.Id), Is.EqualTo(expected.LedgerOf(filament.Id)), $"ledger of {filament.Id}");
            }

            Assert.That(restored.IdempotencyKeyCount, Is.EqualTo(KeptKeys.Length));
            foreach (var key in KeptKeys)
            {
                Assert.That(restored.FindIdempotencyKey(key), Is.EqualTo(expected.FindIdempotencyKey(key)).And.Not.Null, $"key {key}");
            }

            // What is derived rather than stored: printer state, running job and queue, job positions, reservations.
            Assert.That(restored.ListPrinters().Select(p => restored.DescribePrinter(p.Id)), Is.EqualTo(expected.ListPrinters().Select(p => expected.DescribePrinter(p.Id))));
            Assert.That(restored.ListPrintJobs().Select(j => restored.DescribePrintJob(j.Id)), Is.EqualTo(expected.ListPrintJobs().Select(j => expected.DescribePrintJob(j.Id))));
            Assert.That(restored.ListFilaments().Select(f => restored.DescribeFilament(f.Id)), Is.EqualTo(expected.ListFilaments().Select(f => expected.DescribeFilament(f.Id))));
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

    private static TestCaseData Pin(Command command, string hex, string? name = null)
        => new TestCaseData(command, hex).SetArgDisplayNames(name ?? command.Tag.ToString());

    /// <summary>
    /// Everything format 2 added: a printer in maintenance with a finished job, a deleted printer, an archived
    /// spool, a running job with progress (dispatched by a command whose stamp lagged the clock, so it started
    /// when it was created), a job reassigned from the unassigned queue, an unassigned job, an edited printer,
    /// and a refused command whose later stamp leaves no trace on the clock. Applied as entries of
    /// <paramref name="era"/>: the format 2 snapshot's own history is <see cref="LogEra.BeforeLedger"/>.
    /// </summary>
    private static FarmState StampedFarm(LogEra era)
    {
        var state = new FarmState();
        var second = 0;
        void At(int seconds, Command command) => state.Apply(command with { StampedAt = Stamp.AddSeconds(seconds) }, state.LastIndex + 1, era);
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

    /// <summary>
    /// The format 2 farm applied today, then everything format 3 added: stock settings at create and in an edit
    /// (so the create as sent carries them too), Done with an actual weight, an adjustment and a reading (ledger
    /// entries of every kind, with keys and reasons), history indexes, and kept keys whose outcomes hold a
    /// printer, a spool, a job (queued and done), a refusal and, set by hand, no entity: no command answers
    /// without one today (a checkpoint carries no key), but the format has the case, so it is pinned too.
    /// </summary>
    private static FarmState LedgerFarm()
    {
        var state = StampedFarm(LogEra.Current);
        var second = 100;
        void Next(Command command) => state.Apply(command with { StampedAt = Stamp.AddSeconds(second++) });
        static Command Keyed(Command command, string key) => command with { Idempotency = new IdempotencyKey(key, new IdempotencyWindow(10, TimeSpan.FromHours(1))) };
        Next(Keyed(new CreatePrinter("p4", "Bambu", "A1"), "create-p4"));
        Next(Keyed(new CreateFilament("f3", FilamentType.TPU, "Clear", 500m, 480m) { SpoolWeightInGrams = 180m, LowStockThresholdInGrams = 50.5m }, "create-f3"));
        Next(new EditFilament("f3", null, "Transparent") { LowStockThresholdInGrams = WeightPatch.Remove });
        Next(Keyed(new ChangePrintJobStatus("j2", PrintJobStatus.Done) { ActualWeightInGrams = 98.125m }, "done-j2"));
        Next(Keyed(new CreatePrintJob("j5", "p4", "f3", "/queued.gcode", 30m), "create-j5"));
        Next(Keyed(new AdjustFilament("f1", -10.5m, "spilled"), "adjust-f1"));
        Next(new MeasureFilament("f3", 600m, null, "weekly weigh-in"));
        Next(Keyed(new AdjustFilament("ghost", 1m, null), "refused"));
        state.IdempotencyKeys.Add(new IdempotencyRecord("no-entity", new RequestFingerprint(Low: 0xFEDCBA9876543210, High: 0x0123456789ABCDEF), state.LastIndex, state.Clock, new CommandOutcome(OutcomeKind.Unchanged, null, null)));
        return state;
    }
}
