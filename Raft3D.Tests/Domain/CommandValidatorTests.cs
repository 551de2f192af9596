using Raft3D.StateMachine;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.Tests.Domain;

[TestFixture]
[Category("Fast")]
public sealed class CommandValidatorTests
{
    private static IEnumerable<TestCaseData> BadCommands()
    {
        yield return new TestCaseData(new CreatePrinter("", "Prusa", "MK4")).SetName("empty id");
        yield return new TestCaseData(new CreatePrinter("has space", "Prusa", "MK4")).SetName("id with a space");
        yield return new TestCaseData(new CreatePrinter(new string('a', 65), "Prusa", "MK4")).SetName("id too long");
        yield return new TestCaseData(new CreatePrinter("p1", "  ", "MK4")).SetName("blank company");
        yield return new TestCaseData(new CreatePrinter("p1", " Prusa", "MK4")).SetName("untrimmed company");
        yield return new TestCaseData(new CreatePrinter("p1", "Prusa", new string('m', 101))).SetName("model too long");
        yield return new TestCaseData(new CreateFilament("f1", (FilamentType)9, "Red", 10m, 10m)).SetName("unknown filament type");
        yield return new TestCaseData(new CreateFilament("f1", FilamentType.PLA, "Red", 0m, 0m)).SetName("zero total");
        yield return new TestCaseData(new CreateFilament("f1", FilamentType.PLA, "Red", 10m, -1m)).SetName("negative remaining");
        yield return new TestCaseData(new CreateFilament("f1", FilamentType.PLA, "Red", 10m, 11m)).SetName("remaining above total");
        yield return new TestCaseData(new CreateFilament("f1", FilamentType.PLA, "Red", 1_000_001m, 1m)).SetName("total too heavy");
        yield return new TestCaseData(new CreateFilament("f1", FilamentType.PLA, "Red", 1.0001m, 1m)).SetName("sub-milligram weight");
        yield return new TestCaseData(new CreatePrintJob("j1", "p1", "f1", "a.gcode", 0m)).SetName("zero job weight");
        yield return new TestCaseData(new CreatePrintJob("j1", "p1", "f1", "", 1m)).SetName("empty filepath");
        yield return new TestCaseData(new CreatePrintJob("j1", "p1", "f1", "a.gcode", 1m, PrintJobStatus.Running)).SetName("job created Running");
        yield return new TestCaseData(new ChangePrintJobStatus("j1", (PrintJobStatus)0)).SetName("undefined status");
        yield return new TestCaseData(new ChangePrintJobStatus("j1", PrintJobStatus.Running) { ActualWeightInGrams = 10m }).SetName("actual weight with Running");
        yield return new TestCaseData(new ChangePrintJobStatus("j1", PrintJobStatus.Canceled) { ActualWeightInGrams = 0m }).SetName("actual weight with Canceled");
        yield return new TestCaseData(new ChangePrintJobStatus("j1", PrintJobStatus.Done) { ActualWeightInGrams = -1m }).SetName("negative actual weight");
        yield return new TestCaseData(new ChangePrintJobStatus("j1", PrintJobStatus.Done) { ActualWeightInGrams = 1.0005m }).SetName("sub-milligram actual weight");
        yield return new TestCaseData(new CreateFilament("f1", FilamentType.PLA, "Red", 10m, 10m) { SpoolWeightInGrams = -1m }).SetName("negative spool weight at create");
        yield return new TestCaseData(new CreateFilament("f1", FilamentType.PLA, "Red", 10m, 10m) { LowStockThresholdInGrams = 1_000_001m }).SetName("threshold too heavy at create");
        yield return new TestCaseData(new EditFilament("f1", null, null) { SpoolWeightInGrams = WeightPatch.Set(-0.5m) }).SetName("negative spool weight in an edit");
        yield return new TestCaseData(new EditFilament("f1", null, null) { LowStockThresholdInGrams = WeightPatch.Set(0.0001m) }).SetName("sub-milligram threshold in an edit");
        yield return new TestCaseData(new AdjustFilament("f1", 0m, null)).SetName("adjustment of zero grams");
        yield return new TestCaseData(new AdjustFilament("f1", -1_000_001m, null)).SetName("adjustment beyond a tonne");
        yield return new TestCaseData(new AdjustFilament("f1", -0.0001m, null)).SetName("sub-milligram adjustment");
        yield return new TestCaseData(new AdjustFilament("f 1", 1m, null)).SetName("adjustment of a malformed id");
        yield return new TestCaseData(new AdjustFilament("f1", 1m, new string('r', 501))).SetName("reason too long");
        yield return new TestCaseData(new AdjustFilament("f1", 1m, " ")).SetName("blank reason");
        yield return new TestCaseData(new MeasureFilament("f1", 1m, 1m, "spilled ")).SetName("untrimmed reason");
        yield return new TestCaseData(new MeasureFilament("f1", -1m, null, null)).SetName("negative gross weight");
        yield return new TestCaseData(new MeasureFilament("f1", 1_000_001m, null, null)).SetName("gross weight beyond a tonne");
        yield return new TestCaseData(new MeasureFilament("f1", 100m, -1m, null)).SetName("negative spool weight in a reading");
        yield return new TestCaseData(Keyed("")).SetName("empty Idempotency-Key");
        yield return new TestCaseData(Keyed(new string('k', 129))).SetName("Idempotency-Key too long");
        yield return new TestCaseData(Keyed("line\nbreak")).SetName("Idempotency-Key with a control character");
        yield return new TestCaseData(Keyed("clé")).SetName("Idempotency-Key beyond ASCII");
        yield return new TestCaseData(Keyed("k1", new IdempotencyWindow(0, TimeSpan.FromHours(1)))).SetName("window of no keys");
        yield return new TestCaseData(Keyed("k1", new IdempotencyWindow(IdempotencyWindow.MaxMaxKeys + 1, TimeSpan.FromHours(1)))).SetName("window of too many keys");
        yield return new TestCaseData(Keyed("k1", new IdempotencyWindow(10, TimeSpan.Zero))).SetName("window of no time");
        yield return new TestCaseData(Keyed("k1", new IdempotencyWindow(10, TimeSpan.FromSeconds(-1)))).SetName("window of negative time");
        yield return new TestCaseData(new Checkpoint(TakeSnapshot: true) { Idempotency = new IdempotencyKey("k1", IdempotencyWindow.Default) }).SetName("keyed checkpoint");
    }

    private static IEnumerable<TestCaseData> GoodCommands()
    {
        yield return new TestCaseData(Keyed("! \"#$%&'()*+,-./0123456789:;<=>?@AZ[\\]^_`az{|}~")).SetName("every printable ASCII character in a key");
        yield return new TestCaseData(Keyed(new string('k', 128))).SetName("Idempotency-Key of 128 characters");
        yield return new TestCaseData(Keyed("k1", new IdempotencyWindow(IdempotencyWindow.MaxMaxKeys, TimeSpan.FromMilliseconds(1)))).SetName("widest count, shortest age");
        yield return new TestCaseData(new ChangePrintJobStatus("j1", PrintJobStatus.Done) { ActualWeightInGrams = 0m }).SetName("Done using nothing");
        yield return new TestCaseData(new AdjustFilament("f1", -0.001m, new string('r', 500))).SetName("a milligram taken, with the longest reason");
        yield return new TestCaseData(new AdjustFilament("f1", 1_000_000m, null)).SetName("a tonne added");
        yield return new TestCaseData(new MeasureFilament("f1", 0m, 0m, null)).SetName("an empty scale");
        yield return new TestCaseData(new EditFilament("f1", null, null) { SpoolWeightInGrams = WeightPatch.Remove, LowStockThresholdInGrams = WeightPatch.Set(0m) }).SetName("stock settings cleared and zero");
        yield return new TestCaseData(new CreateFilament("f1", FilamentType.PLA, "Red", 10m, 10m) { SpoolWeightInGrams = 0m, LowStockThresholdInGrams = 20m }).SetName("threshold above the total");
    }

    [TestCaseSource(nameof(BadCommands))]
    public void Bad_commands_are_rejected_by_the_state_machine_and_change_nothing(Command command)
    {
        var state = new FarmState();
        var before = Raft3D.StateMachine.Snapshots.FarmSnapshotCodec.Digest(state);
        var outcome = state.Apply(command);
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Error?.Code, Is.EqualTo(ErrorCodes.ValidationFailed), outcome.ToString());
            Assert.That(outcome.Error?.Detail, Is.Not.Empty);
            Assert.That(Raft3D.StateMachine.Snapshots.FarmSnapshotCodec.Digest(state), Is.EqualTo(before));
        });
    }

    [TestCaseSource(nameof(GoodCommands))]
    public void Commands_at_the_edges_of_the_rules_are_accepted(Command command)
        => Assert.That(CommandValidator.Validate(command), Is.Null);

    [Test]
    public void Weights_with_trailing_zero_decimals_are_accepted()
        => Assert.That(CommandValidator.Validate(new CreateFilament("f1", FilamentType.PLA, "Red", 1000.0000m, 250.5m)), Is.Null);

    /// <summary>A valid command sent with <paramref name="key"/>, so only the key or its window can be wrong.</summary>
    private static AdjustFilament Keyed(string key, IdempotencyWindow? window = null)
        => new AdjustFilament("f1", -1m, null) { Idempotency = new IdempotencyKey(key, window ?? IdempotencyWindow.Default) };

    [TestCase("running", PrintJobStatus.Running)]
    [TestCase("DONE", PrintJobStatus.Done)]
    [TestCase("Cancelled", PrintJobStatus.Canceled)]
    [TestCase(" canceled ", PrintJobStatus.Canceled)]
    public void Status_names_are_read_in_any_case_with_the_british_spelling(string text, PrintJobStatus expected)
    {
        Assert.That(PrintJobStatusNames.TryParse(text, out var status), Is.True);
        Assert.That(status, Is.EqualTo(expected));
    }

    [TestCase("2")]
    [TestCase("paused")]
    [TestCase("")]
    public void Unknown_status_names_are_refused(string text)
        => Assert.That(PrintJobStatusNames.TryParse(text, out _), Is.False);
}
