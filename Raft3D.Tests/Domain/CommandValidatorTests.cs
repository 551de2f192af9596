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

    [Test]
    public void Weights_with_trailing_zero_decimals_are_accepted()
        => Assert.That(CommandValidator.Validate(new CreateFilament("f1", FilamentType.PLA, "Red", 1000.0000m, 250.5m)), Is.Null);

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
