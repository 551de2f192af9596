using Raft3D.StateMachine;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.Tests.Domain;

[TestFixture]
[Category("Fast")]
public sealed class FarmStateRulesTests
{
    private FarmState state = null!;

    [SetUp]
    public void CreateFarm()
    {
        state = new FarmState();
        Expect(OutcomeKind.Created, new CreatePrinter("p1", "Prusa", "MK4"));
        Expect(OutcomeKind.Created, new CreatePrinter("p2", "Creality", "Ender3"));
        Expect(OutcomeKind.Created, new CreateFilament("f1", FilamentType.PLA, "Red", 1000m, 1000m));
    }

    [Test]
    public void Replaying_an_identical_create_is_unchanged_and_a_different_one_is_duplicate_id()
    {
        Expect(OutcomeKind.Unchanged, new CreatePrinter("p1", "Prusa", "MK4"));
        ExpectRejected(ErrorCodes.DuplicateId, new CreatePrinter("p1", "Prusa", "MK3"));
        Expect(OutcomeKind.Unchanged, new CreateFilament("f1", FilamentType.PLA, "Red", 1000m, 1000m));
        ExpectRejected(ErrorCodes.DuplicateId, new CreateFilament("f1", FilamentType.ABS, "Red", 1000m, 1000m));
        Expect(OutcomeKind.Created, Job("j1", 100m));
        Expect(OutcomeKind.Unchanged, Job("j1", 100m));
        ExpectRejected(ErrorCodes.DuplicateId, Job("j1", 101m));
        Assert.That(state.ListPrintJobs(), Has.Count.EqualTo(1));
    }

    [Test]
    public void Filament_replay_is_recognised_after_jobs_consumed_part_of_the_spool()
    {
        Expect(OutcomeKind.Created, Job("j1", 100m));
        Expect(OutcomeKind.Updated, new ChangePrintJobStatus("j1", PrintJobStatus.Running));
        Expect(OutcomeKind.Updated, new ChangePrintJobStatus("j1", PrintJobStatus.Done));
        Expect(OutcomeKind.Unchanged, new CreateFilament("f1", FilamentType.PLA, "Red", 1000m, 1000m));
        Assert.That(state.FindFilament("f1")!.RemainingWeightInGrams, Is.EqualTo(900m));
    }

    [Test]
    public void A_job_needs_an_existing_printer_and_filament()
    {
        ExpectRejected(ErrorCodes.UnknownReference, new CreatePrintJob("j1", "nope", "f1", "a.gcode", 10m));
        ExpectRejected(ErrorCodes.UnknownReference, new CreatePrintJob("j1", "p1", "nope", "a.gcode", 10m));
        Assert.That(state.ListPrintJobs(), Is.Empty);
    }

    [Test]
    public void A_job_cannot_take_more_than_remaining_minus_queued_and_running_jobs()
    {
        Expect(OutcomeKind.Created, Job("j1", 600m));
        Expect(OutcomeKind.Created, Job("j2", 300m, printer: "p2"));
        Expect(OutcomeKind.Updated, new ChangePrintJobStatus("j2", PrintJobStatus.Running));
        var rejected = ExpectRejected(ErrorCodes.InsufficientFilament, Job("j3", 100.001m));
        Assert.That(rejected.Detail, Does.Contain("100 g are available"));
        Expect(OutcomeKind.Created, Job("j3", 100m));
        Assert.That(state.AvailableGramsOf(state.FindFilament("f1")!), Is.Zero);
    }

    [Test]
    public void Canceling_a_job_releases_its_reservation_and_done_consumes_it()
    {
        Expect(OutcomeKind.Created, Job("j1", 700m));
        ExpectRejected(ErrorCodes.InsufficientFilament, Job("j2", 400m));
        Expect(OutcomeKind.Updated, new ChangePrintJobStatus("j1", PrintJobStatus.Canceled));
        Expect(OutcomeKind.Created, Job("j2", 400m));
        Expect(OutcomeKind.Updated, new ChangePrintJobStatus("j2", PrintJobStatus.Running));
        Expect(OutcomeKind.Updated, new ChangePrintJobStatus("j2", PrintJobStatus.Done));
        var filament = state.FindFilament("f1")!;
        Assert.Multiple(() =>
        {
            Assert.That(filament.RemainingWeightInGrams, Is.EqualTo(600m));
            Assert.That(state.ReservedGramsOf("f1"), Is.Zero);
            Assert.That(state.AvailableGramsOf(filament), Is.EqualTo(600m));
        });
    }

    [TestCase(PrintJobStatus.Running, PrintJobStatus.Done, ExpectedResult = true)]
    [TestCase(PrintJobStatus.Running, PrintJobStatus.Canceled, ExpectedResult = true)]
    [TestCase(PrintJobStatus.Canceled, PrintJobStatus.Canceled, ExpectedResult = true)]
    [TestCase(PrintJobStatus.Done, null, ExpectedResult = false)]
    public bool Transitions_follow_the_job_life_cycle(PrintJobStatus first, PrintJobStatus? second)
    {
        Expect(OutcomeKind.Created, Job("j1", 10m));
        var outcome = state.Apply(new ChangePrintJobStatus("j1", first));
        if (second is { } next)
        {
            outcome = state.Apply(new ChangePrintJobStatus("j1", next));
        }

        return !outcome.IsRejected;
    }

    [TestCase(PrintJobStatus.Done)]
    [TestCase(PrintJobStatus.Queued)]
    public void Forbidden_transitions_are_invalid_transition_naming_the_current_status(PrintJobStatus target)
    {
        Expect(OutcomeKind.Created, Job("j1", 10m));
        Expect(OutcomeKind.Updated, new ChangePrintJobStatus("j1", PrintJobStatus.Canceled));
        var error = ExpectRejected(ErrorCodes.InvalidTransition, new ChangePrintJobStatus("j1", target));
        Assert.That(error.Detail, Does.Contain("is Canceled"));
    }

    [Test]
    public void Queued_cannot_jump_to_done()
    {
        Expect(OutcomeKind.Created, Job("j1", 10m));
        var error = ExpectRejected(ErrorCodes.InvalidTransition, new ChangePrintJobStatus("j1", PrintJobStatus.Done));
        Assert.That(error.Detail, Does.Contain("is Queued").And.Contains("Running or Canceled"));
    }

    [Test]
    public void Requesting_the_current_status_is_an_unchanged_no_op()
    {
        Expect(OutcomeKind.Created, Job("j1", 10m));
        Expect(OutcomeKind.Unchanged, new ChangePrintJobStatus("j1", PrintJobStatus.Queued));
        Expect(OutcomeKind.Updated, new ChangePrintJobStatus("j1", PrintJobStatus.Running));
        Expect(OutcomeKind.Updated, new ChangePrintJobStatus("j1", PrintJobStatus.Done));
        Expect(OutcomeKind.Unchanged, new ChangePrintJobStatus("j1", PrintJobStatus.Done));
        Assert.That(state.FindFilament("f1")!.RemainingWeightInGrams, Is.EqualTo(990m), "a repeated Done must not consume twice");
    }

    [Test]
    public void A_printer_runs_one_job_at_a_time()
    {
        Expect(OutcomeKind.Created, Job("j1", 10m));
        Expect(OutcomeKind.Created, Job("j2", 10m));
        Expect(OutcomeKind.Updated, new ChangePrintJobStatus("j1", PrintJobStatus.Running));
        var error = ExpectRejected(ErrorCodes.PrinterBusy, new ChangePrintJobStatus("j2", PrintJobStatus.Running));
        Assert.That(error.Detail, Does.Contain("j1"));
        Expect(OutcomeKind.Updated, new ChangePrintJobStatus("j1", PrintJobStatus.Canceled));
        Expect(OutcomeKind.Updated, new ChangePrintJobStatus("j2", PrintJobStatus.Running));
    }

    [Test]
    public void Unknown_job_status_change_is_not_found()
        => ExpectRejected(ErrorCodes.NotFound, new ChangePrintJobStatus("ghost", PrintJobStatus.Running));

    [Test]
    public void Weights_are_exact_decimals_without_float_drift()
    {
        Expect(OutcomeKind.Created, new CreateFilament("f2", FilamentType.PETG, "Blue", 1m, 1m));
        for (var i = 0; i < 10; i++)
        {
            var id = $"d{i}";
            Expect(OutcomeKind.Created, new CreatePrintJob(id, "p1", "f2", "a.gcode", 0.1m));
            Expect(OutcomeKind.Updated, new ChangePrintJobStatus(id, PrintJobStatus.Running));
            Expect(OutcomeKind.Updated, new ChangePrintJobStatus(id, PrintJobStatus.Done));
        }

        Assert.That(state.FindFilament("f2")!.RemainingWeightInGrams, Is.EqualTo(0m));
    }

    [Test]
    public void Filtering_jobs_by_status_printer_and_filament()
    {
        Expect(OutcomeKind.Created, Job("j1", 10m));
        Expect(OutcomeKind.Created, Job("j2", 10m, printer: "p2"));
        Expect(OutcomeKind.Updated, new ChangePrintJobStatus("j2", PrintJobStatus.Running));
        Assert.Multiple(() =>
        {
            Assert.That(state.ListPrintJobs(PrintJobStatus.Running).Select(j => j.Id), Is.EqualTo(new[] { "j2" }));
            Assert.That(state.ListPrintJobs(printerId: "p1").Select(j => j.Id), Is.EqualTo(new[] { "j1" }));
            Assert.That(state.ListPrintJobs(filamentId: "f1").Select(j => j.Id), Is.EqualTo(new[] { "j1", "j2" }));
            Assert.That(state.ListPrintJobs(PrintJobStatus.Done), Is.Empty);
        });
    }

    private static CreatePrintJob Job(string id, decimal grams, string printer = "p1")
        => new(id, printer, "f1", "/prints/cube.gcode", grams);

    private void Expect(OutcomeKind kind, Command command)
    {
        var outcome = state.Apply(command);
        Assert.That(outcome.Kind, Is.EqualTo(kind), $"{command} gave {outcome}");
    }

    private DomainError ExpectRejected(string code, Command command)
    {
        var outcome = state.Apply(command);
        Assert.That(outcome.Error?.Code, Is.EqualTo(code), $"{command} gave {outcome}");
        return outcome.Error!;
    }
}
