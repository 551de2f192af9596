using Raft3D.StateMachine.Changes;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Ledger;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.Printers;
using Raft3D.StateMachine.PrintJobs;
using static Raft3D.Tests.Domain.FarmScenario;

namespace Raft3D.Tests.Domain;

/// <summary>
/// What the event stream is told an entry changed: every entity whose API view moved, once, as it now stands,
/// and every new ledger entry; nothing for a refused, replayed or no-op command.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class AppliedChangesTests
{
    private FarmScenario scenario = null!;

    [SetUp]
    public void CreateFarm() => scenario = WithTwoPrintersAndASpool();

    [Test]
    public void A_new_printer_is_one_change()
    {
        scenario.Expect(OutcomeKind.Created, new CreatePrinter("p3", "Bambu", "X1"));
        Assert.That(Changes(), Is.EqualTo(new[] { (FarmChangeKind.Printer, "p3") }));
    }

    [Test]
    public void A_new_spool_is_the_spool_and_its_first_ledger_entry()
    {
        scenario.Expect(OutcomeKind.Created, new CreateFilament("f2", FilamentType.PETG, "Black", 750m, 500m));
        var changes = scenario.Farm.ChangesOfLastApply();
        Assert.Multiple(() =>
        {
            Assert.That(Changes(), Is.EqualTo(new[] { (FarmChangeKind.Filament, "f2"), (FarmChangeKind.Ledger, "f2") }));
            Assert.That(((LedgerEntry)changes[1].Entity).Kind, Is.EqualTo(LedgerEntryKind.Initial));
        });
    }

    [Test]
    public void A_new_job_changes_the_job_its_spools_reservation_and_its_printers_queue()
    {
        scenario.Expect(OutcomeKind.Created, Job("j1", grams: 40m));
        var changes = scenario.Farm.ChangesOfLastApply();
        Assert.Multiple(() =>
        {
            Assert.That(Changes(), Is.EquivalentTo(new[] { (FarmChangeKind.PrintJob, "j1"), (FarmChangeKind.Filament, "f1"), (FarmChangeKind.Printer, "p1") }));
            Assert.That(changes.Select(c => c.Entity).OfType<FilamentView>().Single().ReservedWeightInGrams, Is.EqualTo(40m));
            Assert.That(changes.Select(c => c.Entity).OfType<PrinterView>().Single().QueuedJobs, Is.EqualTo(1));
        });
    }

    [Test]
    public void A_Done_job_changes_the_spool_its_ledger_the_printer_and_the_job_as_they_end_up()
    {
        scenario.Expect(OutcomeKind.Created, Job("j1", grams: 40m));
        scenario.Expect(OutcomeKind.Updated, new DispatchPrinter("p1"));
        scenario.Expect(OutcomeKind.Updated, new ChangePrintJobStatus("j1", PrintJobStatus.Done));
        var changes = scenario.Farm.ChangesOfLastApply();
        Assert.Multiple(() =>
        {
            Assert.That(Changes(), Is.EquivalentTo(new[] { (FarmChangeKind.PrintJob, "j1"), (FarmChangeKind.Filament, "f1"), (FarmChangeKind.Ledger, "f1"), (FarmChangeKind.Printer, "p1") }));
            Assert.That(changes.Select(c => c.Entity).OfType<FilamentView>().Single().Filament.RemainingWeightInGrams, Is.EqualTo(960m));
            Assert.That(changes.Select(c => c.Entity).OfType<PrintJobView>().Single().Job.Status, Is.EqualTo(PrintJobStatus.Done));
            Assert.That(changes.Select(c => c.Entity).OfType<PrinterView>().Single().State, Is.EqualTo(PrinterState.Idle));
            Assert.That(changes.Select(c => c.Entity).OfType<LedgerEntry>().Single().Grams, Is.EqualTo(-40m));
        });
    }

    [Test]
    public void A_deleted_printer_is_announced_as_deleted()
    {
        scenario.Expect(OutcomeKind.Updated, new DeletePrinter("p2"));
        var change = scenario.Farm.ChangesOfLastApply().Single();
        Assert.That(((PrinterView)change.Entity).Printer.IsDeleted, Is.True);
    }

    [Test]
    public void A_refused_command_changes_nothing()
    {
        scenario.Reject(ErrorCodes.InsufficientFilament, Job("j1", grams: 5000m));
        Assert.That(scenario.Farm.ChangesOfLastApply(), Is.Empty);
    }

    [Test]
    public void A_replayed_Idempotency_Key_changes_nothing_the_second_time()
    {
        scenario.Expect(OutcomeKind.Created, Keyed(Job("j1"), "k1"));
        Assert.That(scenario.Farm.ChangesOfLastApply(), Is.Not.Empty);
        scenario.Apply(Keyed(Job("j1"), "k1"));
        Assert.That(scenario.Farm.ChangesOfLastApply(), Is.Empty);
    }

    [Test]
    public void An_unchanged_retry_of_a_create_changes_nothing()
    {
        scenario.Expect(OutcomeKind.Unchanged, new CreatePrinter("p1", "Prusa", "MK4"));
        Assert.That(scenario.Farm.ChangesOfLastApply(), Is.Empty);
    }

    private IEnumerable<(FarmChangeKind, string)> Changes()
        => scenario.Farm.ChangesOfLastApply().Select(c => (c.Kind, c.Entity switch
        {
            PrinterView p => p.Printer.Id,
            FilamentView f => f.Filament.Id,
            PrintJobView j => j.Job.Id,
            LedgerEntry e => e.FilamentId,
            _ => "?",
        }));
}
