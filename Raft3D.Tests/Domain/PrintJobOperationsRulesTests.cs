using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.PrintJobs;
using static Raft3D.Tests.Domain.FarmScenario;

namespace Raft3D.Tests.Domain;

/// <summary>Unassigned jobs, assigning, progress and edits of print jobs: each rule and the code it refuses with.</summary>
[TestFixture]
[Category("Fast")]
public sealed class PrintJobOperationsRulesTests
{
    private FarmScenario scenario = null!;

    [SetUp]
    public void CreateFarm() => scenario = WithTwoPrintersAndASpool();

    [Test]
    public void A_job_created_without_a_printer_waits_in_the_unassigned_queue()
    {
        scenario.Expect(OutcomeKind.Created, Job("j1", printer: null));
        scenario.Expect(OutcomeKind.Created, Job("j2", printer: null));
        scenario.Expect(OutcomeKind.Created, Job("j3"));
        Assert.Multiple(() =>
        {
            Assert.That(scenario.PrintJob("j1").Job.PrinterId, Is.Null);
            Assert.That(new[] { "j1", "j2" }.Select(j => scenario.PrintJob(j).QueuePosition), Is.EqualTo(new int?[] { 1, 2 }));
            Assert.That(scenario.Farm.QueueLengthOf(null), Is.EqualTo(2));
            Assert.That(scenario.Farm.PagePrintJobs(new PrintJobFilter(Unassigned: true), -1, 100).Items.Select(v => v.Job.Id), Is.EqualTo(new[] { "j1", "j2" }));
            Assert.That(scenario.Farm.ReservedGramsOf("f1"), Is.EqualTo(30m), "an unassigned job holds its filament too");
        });
    }

    [Test]
    public void Starting_an_unassigned_job_is_job_unassigned()
    {
        scenario.Expect(OutcomeKind.Created, Job("j1", printer: null));
        scenario.Reject(ErrorCodes.JobUnassigned, new ChangePrintJobStatus("j1", PrintJobStatus.Running));
    }

    [Test]
    public void Assigning_an_unassigned_job_puts_it_at_the_tail_of_the_printer_s_queue()
    {
        scenario.Expect(OutcomeKind.Created, Job("j1"));
        scenario.Expect(OutcomeKind.Created, Job("j2", printer: null));
        var moved = (PrintJobView)scenario.Expect(OutcomeKind.Updated, new AssignPrintJob("j2", "p1")).Entity!;
        Assert.Multiple(() =>
        {
            Assert.That(moved.Job.PrinterId, Is.EqualTo("p1"));
            Assert.That(moved.QueuePosition, Is.EqualTo(2));
            Assert.That(scenario.Printer("p1").QueuedJobs, Is.EqualTo(2));
            Assert.That(scenario.Farm.QueueLengthOf(null), Is.Zero);
        });
    }

    [Test]
    public void Moving_a_job_to_another_printer_puts_it_at_the_tail_there_and_closes_the_gap_behind_it()
    {
        scenario.Expect(OutcomeKind.Created, Job("j1"));
        scenario.Expect(OutcomeKind.Created, Job("j2"));
        scenario.Expect(OutcomeKind.Created, Job("j3", printer: "p2"));
        var index = scenario.NextIndex;
        scenario.Expect(OutcomeKind.Updated, new AssignPrintJob("j1", "p2"));
        Assert.Multiple(() =>
        {
            Assert.That(scenario.PrintJob("j1").QueuePosition, Is.EqualTo(2));
            Assert.That(scenario.PrintJob("j2").QueuePosition, Is.EqualTo(1));
            Assert.That(scenario.PrintJob("j3").QueuePosition, Is.EqualTo(1));
            Assert.That(new[] { "p1", "p2" }.Select(p => scenario.Printer(p).Printer.Version), Is.EqualTo(new[] { index, index }), "both queues changed");
        });
    }

    [Test]
    public void Assigning_a_job_to_its_own_printer_is_a_no_op_that_keeps_its_place()
    {
        scenario.Expect(OutcomeKind.Created, Job("j1"));
        scenario.Expect(OutcomeKind.Created, Job("j2"));
        var version = scenario.PrintJob("j1").Job.Version;
        scenario.Expect(OutcomeKind.Unchanged, new AssignPrintJob("j1", "p1"));
        Assert.That(scenario.PrintJob("j1"), Has.Property("QueuePosition").EqualTo(1).And.Property("Job").Property("Version").EqualTo(version));
    }

    [Test]
    public void Assigning_needs_a_live_printer_in_service_and_a_queued_job()
    {
        scenario.Expect(OutcomeKind.Created, Job("j1", printer: null));
        scenario.Reject(ErrorCodes.NotFound, new AssignPrintJob("ghost", "p1"));
        scenario.Reject(ErrorCodes.UnknownReference, new AssignPrintJob("j1", "ghost"));
        scenario.Expect(OutcomeKind.Created, new CreatePrinter("p3", "Bambu", "X1C"));
        scenario.Expect(OutcomeKind.Updated, new DeletePrinter("p3"));
        scenario.Reject(ErrorCodes.UnknownReference, new AssignPrintJob("j1", "p3"));
        scenario.Expect(OutcomeKind.Updated, new SetPrinterMaintenance("p2", true));
        scenario.Reject(ErrorCodes.PrinterInMaintenance, new AssignPrintJob("j1", "p2"));
    }

    [TestCase(PrintJobStatus.Running)]
    [TestCase(PrintJobStatus.Done)]
    [TestCase(PrintJobStatus.Canceled)]
    public void Only_a_queued_job_can_be_assigned_or_edited(PrintJobStatus status)
    {
        MoveJ1To(status);
        scenario.Reject(ErrorCodes.JobNotQueued, new AssignPrintJob("j1", "p2"));
        scenario.Reject(ErrorCodes.JobNotQueued, new EditPrintJob("j1", "/other.gcode", null));
        scenario.Reject(ErrorCodes.JobNotQueued, new EditPrintJob("j1", null, 11m));
    }

    [Test]
    public void A_replayed_create_of_a_reassigned_job_is_still_recognised()
    {
        scenario.Expect(OutcomeKind.Created, Job("j1"));
        scenario.Expect(OutcomeKind.Updated, new AssignPrintJob("j1", "p2"));
        scenario.Expect(OutcomeKind.Unchanged, Job("j1"));
        Assert.That(scenario.PrintJob("j1").Job.PrinterId, Is.EqualTo("p2"));
    }

    [TestCase(PrintJobStatus.Queued)]
    [TestCase(PrintJobStatus.Done)]
    [TestCase(PrintJobStatus.Canceled)]
    public void Progress_is_reported_only_while_running(PrintJobStatus status)
    {
        MoveJ1To(status);
        scenario.Reject(ErrorCodes.JobNotRunning, new ReportPrintJobProgress("j1", 50));
    }

    [Test]
    public void Progress_never_goes_back_a_lower_or_equal_report_is_a_no_op()
    {
        MoveJ1To(PrintJobStatus.Running);
        scenario.Expect(OutcomeKind.Updated, new ReportPrintJobProgress("j1", 30));
        scenario.Expect(OutcomeKind.Unchanged, new ReportPrintJobProgress("j1", 20));
        scenario.Expect(OutcomeKind.Unchanged, new ReportPrintJobProgress("j1", 30));
        Assert.That(scenario.PrintJob("j1").Job.ProgressPercent, Is.EqualTo(30));
        scenario.Expect(OutcomeKind.Updated, new ReportPrintJobProgress("j1", 31));
        Assert.That(scenario.PrintJob("j1").Job.ProgressPercent, Is.EqualTo(31));
    }

    [Test]
    public void Done_sets_progress_to_100()
    {
        MoveJ1To(PrintJobStatus.Running);
        scenario.Expect(OutcomeKind.Updated, new ReportPrintJobProgress("j1", 40));
        scenario.Expect(OutcomeKind.Updated, new ChangePrintJobStatus("j1", PrintJobStatus.Done));
        Assert.That(scenario.PrintJob("j1").Job.ProgressPercent, Is.EqualTo(100));
    }

    [TestCase(-1)]
    [TestCase(101)]
    public void Progress_outside_0_to_100_is_validation_failed(int percent)
    {
        MoveJ1To(PrintJobStatus.Running);
        scenario.Reject(ErrorCodes.ValidationFailed, new ReportPrintJobProgress("j1", percent));
    }

    [Test]
    public void Editing_a_queued_job_changes_only_the_fields_given_and_keeps_its_place()
    {
        scenario.Expect(OutcomeKind.Created, Job("j1", 10m));
        scenario.Expect(OutcomeKind.Created, Job("j2", 10m));
        scenario.Expect(OutcomeKind.Updated, new EditPrintJob("j1", "/v2.gcode", null));
        Assert.That(scenario.PrintJob("j1").Job, Has.Property("Filepath").EqualTo("/v2.gcode").And.Property("PrintWeightInGrams").EqualTo(10m));
        scenario.Expect(OutcomeKind.Updated, new EditPrintJob("j1", null, 12m));
        Assert.That(scenario.PrintJob("j1"), Has.Property("QueuePosition").EqualTo(1).And.Property("Job").Property("Filepath").EqualTo("/v2.gcode"));
        scenario.Expect(OutcomeKind.Unchanged, new EditPrintJob("j1", null, null));
        scenario.Expect(OutcomeKind.Unchanged, new EditPrintJob("j1", "/v2.gcode", 12m));
        scenario.Reject(ErrorCodes.NotFound, new EditPrintJob("ghost", "/x.gcode", null));
    }

    [Test]
    public void The_reservation_follows_the_edited_weight_and_the_spool_must_cover_it()
    {
        scenario.Expect(OutcomeKind.Created, Job("j1", 600m));
        scenario.Expect(OutcomeKind.Created, Job("j2", 300m, printer: null));
        scenario.Expect(OutcomeKind.Updated, new EditPrintJob("j1", null, 100m));
        Assert.That(scenario.Farm.ReservedGramsOf("f1"), Is.EqualTo(400m));
        scenario.Reject(ErrorCodes.InsufficientFilament, new EditPrintJob("j1", null, 700.001m));
        scenario.Expect(OutcomeKind.Updated, new EditPrintJob("j1", null, 700m));
        Assert.Multiple(() =>
        {
            Assert.That(scenario.Farm.ReservedGramsOf("f1"), Is.EqualTo(1000m));
            Assert.That(scenario.Farm.AvailableGramsOf(scenario.Filament("f1")), Is.Zero);
        });
    }

    private void MoveJ1To(PrintJobStatus status)
    {
        scenario.Expect(OutcomeKind.Created, Job("j1"));
        if (status is PrintJobStatus.Running or PrintJobStatus.Done)
        {
            scenario.Expect(OutcomeKind.Updated, new DispatchPrinter("p1"));
        }

        if (status is PrintJobStatus.Done or PrintJobStatus.Canceled)
        {
            scenario.Expect(OutcomeKind.Updated, new ChangePrintJobStatus("j1", status));
        }
    }
}
