using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.Printers;
using Raft3D.StateMachine.PrintJobs;
using static Raft3D.Tests.Domain.FarmScenario;

namespace Raft3D.Tests.Domain;

/// <summary>Maintenance, dispatch, edits and deletion of printers: each rule and the code it refuses with.</summary>
[TestFixture]
[Category("Fast")]
public sealed class PrinterOperationsRulesTests
{
    private FarmScenario scenario = null!;

    [SetUp]
    public void CreateFarm() => scenario = WithTwoPrintersAndASpool();

    [Test]
    public void Maintenance_takes_a_printer_out_of_service_and_back_and_a_repeat_is_a_no_op()
    {
        scenario.Expect(OutcomeKind.Updated, new SetPrinterMaintenance("p1", true));
        Assert.That(scenario.Printer("p1").State, Is.EqualTo(PrinterState.Maintenance));
        scenario.Expect(OutcomeKind.Unchanged, new SetPrinterMaintenance("p1", true));
        scenario.Expect(OutcomeKind.Updated, new SetPrinterMaintenance("p1", false));
        Assert.That(scenario.Printer("p1").State, Is.EqualTo(PrinterState.Idle));
        scenario.Expect(OutcomeKind.Unchanged, new SetPrinterMaintenance("p1", false));
    }

    [Test]
    public void Maintenance_is_refused_while_printing()
    {
        scenario.Expect(OutcomeKind.Created, Job("j1"));
        scenario.Expect(OutcomeKind.Updated, new DispatchPrinter("p1"));
        var error = scenario.Reject(ErrorCodes.PrinterBusy, new SetPrinterMaintenance("p1", true));
        Assert.Multiple(() =>
        {
            Assert.That(error.Detail, Does.Contain("j1"));
            Assert.That(scenario.Printer("p1").State, Is.EqualTo(PrinterState.Printing));
        });
    }

    [Test]
    public void A_printer_in_maintenance_keeps_its_queue_but_starts_nothing_until_it_is_back()
    {
        scenario.Expect(OutcomeKind.Created, Job("j1"));
        scenario.Expect(OutcomeKind.Created, Job("j2"));
        scenario.Expect(OutcomeKind.Updated, new SetPrinterMaintenance("p1", true));
        scenario.Reject(ErrorCodes.PrinterInMaintenance, new DispatchPrinter("p1"));
        scenario.Reject(ErrorCodes.PrinterInMaintenance, new ChangePrintJobStatus("j2", PrintJobStatus.Running));
        Assert.Multiple(() =>
        {
            Assert.That(scenario.Printer("p1").QueuedJobs, Is.EqualTo(2));
            Assert.That(scenario.PrintJob("j1").QueuePosition, Is.EqualTo(1));
            Assert.That(scenario.PrintJob("j2").QueuePosition, Is.EqualTo(2));
        });

        scenario.Expect(OutcomeKind.Updated, new SetPrinterMaintenance("p1", false));
        scenario.Expect(OutcomeKind.Updated, new DispatchPrinter("p1"));
        Assert.That(scenario.Printer("p1").CurrentJobId, Is.EqualTo("j1"));
    }

    [Test]
    public void Dispatch_starts_exactly_the_head_of_the_printer_s_queue()
    {
        scenario.Expect(OutcomeKind.Created, Job("j1"));
        scenario.Expect(OutcomeKind.Created, Job("j2"));
        scenario.Expect(OutcomeKind.Created, Job("j3", printer: "p2"));
        var started = (PrintJobView)scenario.Expect(OutcomeKind.Updated, new DispatchPrinter("p1")).Entity!;
        var printer = scenario.Printer("p1");
        Assert.Multiple(() =>
        {
            Assert.That(started.Job.Id, Is.EqualTo("j1"));
            Assert.That(started.Job.Status, Is.EqualTo(PrintJobStatus.Running));
            Assert.That(started.QueuePosition, Is.Null);
            Assert.That(printer.State, Is.EqualTo(PrinterState.Printing));
            Assert.That(printer.CurrentJobId, Is.EqualTo("j1"));
            Assert.That(printer.QueuedJobs, Is.EqualTo(1));
            Assert.That(scenario.PrintJob("j2").QueuePosition, Is.EqualTo(1));
            Assert.That(scenario.Farm.ListPrintJobs(PrintJobStatus.Running).Select(j => j.Id), Is.EqualTo(new[] { "j1" }));
        });
    }

    [Test]
    public void A_second_dispatch_finds_the_printer_busy_and_starts_nothing()
    {
        scenario.Expect(OutcomeKind.Created, Job("j1"));
        scenario.Expect(OutcomeKind.Created, Job("j2"));
        scenario.Expect(OutcomeKind.Updated, new DispatchPrinter("p1"));
        var error = scenario.Reject(ErrorCodes.PrinterBusy, new DispatchPrinter("p1"));
        Assert.Multiple(() =>
        {
            Assert.That(error.Detail, Does.Contain("j1"));
            Assert.That(scenario.PrintJob("j2").Job.Status, Is.EqualTo(PrintJobStatus.Queued));
        });
    }

    [Test]
    public void Dispatch_of_an_empty_queue_is_queue_empty_unless_busy_or_maintenance_says_more()
    {
        scenario.Reject(ErrorCodes.QueueEmpty, new DispatchPrinter("p1"));
        scenario.Expect(OutcomeKind.Created, Job("j1"));
        scenario.Expect(OutcomeKind.Updated, new DispatchPrinter("p1"));
        scenario.Reject(ErrorCodes.PrinterBusy, new DispatchPrinter("p1"));
        scenario.Expect(OutcomeKind.Updated, new SetPrinterMaintenance("p2", true));
        scenario.Reject(ErrorCodes.PrinterInMaintenance, new DispatchPrinter("p2"));
    }

    [Test]
    public void Dispatch_of_an_unknown_or_deleted_printer_is_not_found()
    {
        scenario.Reject(ErrorCodes.NotFound, new DispatchPrinter("ghost"));
        scenario.Expect(OutcomeKind.Updated, new DeletePrinter("p2"));
        scenario.Reject(ErrorCodes.NotFound, new DispatchPrinter("p2"));
    }

    // Commands cannot reach a Queued job on an archived or short spool (archiving waits for the spool's jobs, and
    // reservations keep remaining weight at or above what open jobs need), so the spool is changed by loading
    // the farm as a snapshot would. The start checks the spool again anyway; this pins that check.
    [TestCase(true, ErrorCodes.FilamentArchived)]
    [TestCase(false, ErrorCodes.InsufficientFilament)]
    public void Starting_a_job_whose_spool_was_archived_or_ran_short_is_refused_by_dispatch_and_by_status(bool archived, string code)
    {
        scenario.Expect(OutcomeKind.Created, Job("j1", 100m));
        var farm = scenario.Farm;
        var spool = scenario.Filament("f1");
        spool = archived ? spool with { IsArchived = true } : spool with { RemainingWeightInGrams = 99.999m };
        farm.Load(farm.LastIndex, farm.Clock, farm.ListPrinters(), [spool], farm.ListPrintJobs(), [], []);

        scenario.Reject(code, new DispatchPrinter("p1"));
        scenario.Reject(code, new ChangePrintJobStatus("j1", PrintJobStatus.Running));
        Assert.That(scenario.PrintJob("j1").QueuePosition, Is.EqualTo(1), "the refused job stays at the head of its queue");
    }

    [Test]
    public void Editing_a_printer_changes_only_the_fields_given()
    {
        var version = scenario.Printer("p1").Printer.Version;
        scenario.Expect(OutcomeKind.Updated, new EditPrinter("p1", null, "MK4S"));
        Assert.That(scenario.Printer("p1").Printer, Has.Property("Company").EqualTo("Prusa").And.Property("Model").EqualTo("MK4S"));
        scenario.Expect(OutcomeKind.Updated, new EditPrinter("p1", "Prusa Research", null));
        Assert.That(scenario.Printer("p1").Printer, Has.Property("Company").EqualTo("Prusa Research").And.Property("Model").EqualTo("MK4S"));
        scenario.Expect(OutcomeKind.Unchanged, new EditPrinter("p1", null, null));
        scenario.Expect(OutcomeKind.Unchanged, new EditPrinter("p1", "Prusa Research", "MK4S"));
        Assert.That(scenario.Printer("p1").Printer.Version, Is.GreaterThan(version));
        scenario.Reject(ErrorCodes.NotFound, new EditPrinter("ghost", null, "XL"));
        scenario.Reject(ErrorCodes.ValidationFailed, new EditPrinter("p1", " ", null));
    }

    [Test]
    public void A_printer_with_queued_or_running_jobs_cannot_be_deleted()
    {
        scenario.Expect(OutcomeKind.Created, Job("j1"));
        scenario.Reject(ErrorCodes.PrinterHasOpenJobs, new DeletePrinter("p1"));
        scenario.Expect(OutcomeKind.Updated, new DispatchPrinter("p1"));
        var error = scenario.Reject(ErrorCodes.PrinterHasOpenJobs, new DeletePrinter("p1"));
        Assert.That(error.Detail, Does.Contain("j1"));
        scenario.Expect(OutcomeKind.Updated, new ChangePrintJobStatus("j1", PrintJobStatus.Done));
        scenario.Expect(OutcomeKind.Updated, new DeletePrinter("p1"));
    }

    [Test]
    public void A_deleted_printer_is_gone_from_reads_but_its_past_jobs_still_name_it()
    {
        scenario.Expect(OutcomeKind.Created, Job("j1"));
        scenario.Expect(OutcomeKind.Updated, new DispatchPrinter("p1"));
        scenario.Expect(OutcomeKind.Updated, new ChangePrintJobStatus("j1", PrintJobStatus.Done));
        scenario.Expect(OutcomeKind.Updated, new DeletePrinter("p1"));
        var farm = scenario.Farm;
        Assert.Multiple(() =>
        {
            Assert.That(farm.DescribePrinter("p1"), Is.Null);
            Assert.That(farm.PagePrinters(null, -1, 100).Items.Select(p => p.Printer.Id), Is.EqualTo(new[] { "p2" }));
            Assert.That(farm.FindPrinter("p1"), Has.Property("IsDeleted").True.And.Property("DeletedAt").Not.Null);
            Assert.That(scenario.PrintJob("j1").Job.PrinterId, Is.EqualTo("p1"));
        });
        scenario.Expect(OutcomeKind.Unchanged, new DeletePrinter("p1"));
    }

    [Test]
    public void A_deleted_printer_s_id_is_never_reused_and_it_takes_no_more_work()
    {
        scenario.Expect(OutcomeKind.Updated, new DeletePrinter("p2"));
        scenario.Reject(ErrorCodes.DuplicateId, new CreatePrinter("p2", "Creality", "Ender3"));
        scenario.Reject(ErrorCodes.UnknownReference, Job("j1", printer: "p2"));
        scenario.Expect(OutcomeKind.Created, Job("j1", printer: null));
        scenario.Reject(ErrorCodes.UnknownReference, new AssignPrintJob("j1", "p2"));
        scenario.Reject(ErrorCodes.NotFound, new EditPrinter("p2", null, "XL"));
        scenario.Reject(ErrorCodes.NotFound, new SetPrinterMaintenance("p2", true));
        scenario.Reject(ErrorCodes.NotFound, new DeletePrinter("ghost"));
    }

    [Test]
    public void A_finished_job_counts_on_its_printer()
    {
        scenario.Expect(OutcomeKind.Created, new CreateFilament("f2", FilamentType.PETG, "Blue", 500m, 500m));
        scenario.Expect(OutcomeKind.Created, Job("j1", 12.5m));
        scenario.Expect(OutcomeKind.Created, Job("j2", 7.25m, filament: "f2"));
        foreach (var job in new[] { "j1", "j2" })
        {
            scenario.Expect(OutcomeKind.Updated, new DispatchPrinter("p1"));
            scenario.Expect(OutcomeKind.Updated, new ChangePrintJobStatus(job, PrintJobStatus.Done));
        }

        Assert.That(scenario.Printer("p1").Printer, Has.Property("CompletedJobs").EqualTo(2).And.Property("PrintedWeightInGrams").EqualTo(19.75m));
    }
}
