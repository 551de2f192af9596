using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.PrintJobs;
using static Raft3D.Tests.Domain.FarmScenario;

namespace Raft3D.Tests.Domain;

/// <summary>Edits and archiving of spools: each rule and the code it refuses with.</summary>
[TestFixture]
[Category("Fast")]
public sealed class FilamentOperationsRulesTests
{
    private FarmScenario scenario = null!;

    [SetUp]
    public void CreateFarm() => scenario = WithTwoPrintersAndASpool();

    [Test]
    public void Editing_a_spool_changes_only_the_fields_given_and_never_its_weights()
    {
        scenario.Expect(OutcomeKind.Updated, new EditFilament("f1", FilamentType.PETG, null));
        Assert.That(scenario.Filament("f1"), Has.Property("Type").EqualTo(FilamentType.PETG).And.Property("Color").EqualTo("Red"));
        scenario.Expect(OutcomeKind.Updated, new EditFilament("f1", null, "Blue"));
        Assert.That(scenario.Filament("f1"), Has.Property("Type").EqualTo(FilamentType.PETG).And.Property("Color").EqualTo("Blue"));
        scenario.Expect(OutcomeKind.Unchanged, new EditFilament("f1", null, null));
        scenario.Expect(OutcomeKind.Unchanged, new EditFilament("f1", FilamentType.PETG, "Blue"));
        Assert.That(scenario.Filament("f1"), Has.Property("TotalWeightInGrams").EqualTo(1000m).And.Property("RemainingWeightInGrams").EqualTo(1000m));
        scenario.Reject(ErrorCodes.NotFound, new EditFilament("ghost", null, "Blue"));
        scenario.Reject(ErrorCodes.ValidationFailed, new EditFilament("f1", (FilamentType)9, null));
    }

    [TestCase(PrintJobStatus.Done)]
    [TestCase(PrintJobStatus.Canceled)]
    public void A_spool_held_by_queued_or_running_jobs_cannot_be_archived_until_they_end(PrintJobStatus end)
    {
        scenario.Expect(OutcomeKind.Created, Job("j1", printer: null));
        scenario.Reject(ErrorCodes.FilamentHasOpenJobs, new ArchiveFilament("f1"));
        scenario.Expect(OutcomeKind.Updated, new AssignPrintJob("j1", "p1"));
        scenario.Expect(OutcomeKind.Updated, new DispatchPrinter("p1"));
        scenario.Reject(ErrorCodes.FilamentHasOpenJobs, new ArchiveFilament("f1"));
        scenario.Expect(OutcomeKind.Updated, new ChangePrintJobStatus("j1", end));
        scenario.Expect(OutcomeKind.Updated, new ArchiveFilament("f1"));
    }

    [Test]
    public void An_archived_spool_takes_no_new_job_but_stays_for_history()
    {
        scenario.Expect(OutcomeKind.Created, new CreateFilament("f2", FilamentType.ABS, "Black", 500m, 500m));
        scenario.Expect(OutcomeKind.Updated, new ArchiveFilament("f1"));
        scenario.Expect(OutcomeKind.Unchanged, new ArchiveFilament("f1"));
        scenario.Reject(ErrorCodes.FilamentArchived, Job("j1"));
        scenario.Reject(ErrorCodes.FilamentArchived, Job("j1", printer: null));
        var farm = scenario.Farm;
        Assert.Multiple(() =>
        {
            Assert.That(scenario.Filament("f1"), Has.Property("IsArchived").True.And.Property("ArchivedAt").Not.Null);
            Assert.That(farm.PageFilaments(includeArchived: false, lowStock: null, -1, 100).Items.Select(f => f.Filament.Id), Is.EqualTo(new[] { "f2" }));
            Assert.That(farm.PageFilaments(includeArchived: true, lowStock: null, -1, 100).Items.Select(f => f.Filament.Id), Is.EqualTo(new[] { "f1", "f2" }));
        });
        scenario.Reject(ErrorCodes.NotFound, new ArchiveFilament("ghost"));
    }
}
