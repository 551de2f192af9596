using Raft3D.StateMachine;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.PrintJobs;
using static Raft3D.Tests.Domain.FarmScenario;

namespace Raft3D.Tests.Domain;

/// <summary>Versions (the log index of an entity's last change) and If-Match, which apply judges on every node alike.</summary>
[TestFixture]
[Category("Fast")]
public sealed class IfMatchRulesTests
{
    private FarmScenario scenario = null!;

    /// <summary>Each guarded command, and how to read the version of the entity its If-Match names.</summary>
    private static IEnumerable<TestCaseData> GuardedCommands()
    {
        yield return Guarded(new EditPrinter("p3", "Anker", null), f => f.FindPrinter("p3")!.Version);
        yield return Guarded(new SetPrinterMaintenance("p3", true), f => f.FindPrinter("p3")!.Version);
        yield return Guarded(new DeletePrinter("p3"), f => f.FindPrinter("p3")!.Version);
        yield return Guarded(new DispatchPrinter("p1"), f => f.FindPrinter("p1")!.Version);
        yield return Guarded(new EditFilament("f2", null, "Blue"), f => f.FindFilament("f2")!.Version);
        yield return Guarded(new ArchiveFilament("f2"), f => f.FindFilament("f2")!.Version);
        yield return Guarded(new ChangePrintJobStatus("j1", PrintJobStatus.Canceled), f => f.FindPrintJob("j1")!.Version);
        yield return Guarded(new AssignPrintJob("j1", "p3"), f => f.FindPrintJob("j1")!.Version);
        yield return Guarded(new ReportPrintJobProgress("j2", 50), f => f.FindPrintJob("j2")!.Version);
        yield return Guarded(new EditPrintJob("j1", "/v2.gcode", null), f => f.FindPrintJob("j1")!.Version);
    }

    /// <summary>p1 with j1 queued, p2 running j2, p3 and spool f2 with no jobs; every entity last changed after index 1.</summary>
    [SetUp]
    public void CreateFarm()
    {
        scenario = WithTwoPrintersAndASpool();
        scenario.Expect(OutcomeKind.Created, new CreatePrinter("p3", "Bambu", "X1C"));
        scenario.Expect(OutcomeKind.Created, new CreateFilament("f2", FilamentType.PETG, "Black", 500m, 500m));
        scenario.Expect(OutcomeKind.Created, Job("j1"));
        scenario.Expect(OutcomeKind.Created, Job("j2", printer: "p2"));
        scenario.Expect(OutcomeKind.Updated, new DispatchPrinter("p2"));
    }

    [TestCaseSource(nameof(GuardedCommands))]
    public void A_stale_If_Match_is_version_mismatch_and_changes_nothing_and_the_current_one_applies(Command command, Func<FarmState, long> versionOf)
    {
        var version = versionOf(scenario.Farm);
        var error = scenario.Reject(ErrorCodes.VersionMismatch, command with { ExpectedVersion = version - 1 });
        Assert.That(error.Detail, Does.Contain($"version {version}").And.Contain($"not {version - 1}"));
        var index = scenario.NextIndex;
        scenario.Expect(OutcomeKind.Updated, command with { ExpectedVersion = version });
        Assert.That(versionOf(scenario.Farm), Is.EqualTo(index), "the entity's version is now the index of the command that changed it");
    }

    /// <summary>
    /// A client that sent a conditional write, lost the answer and sent it again must not get 412 for its own
    /// change: the first try moved the version, but what it asked for already holds, so the retry is a no-op.
    /// Dispatch has no "already so": there the stale If-Match is what keeps a retry from starting a second job.
    /// </summary>
    [TestCaseSource(nameof(GuardedCommands))]
    public void A_retry_with_the_If_Match_its_first_try_used_is_a_no_op_not_a_mismatch(Command command, Func<FarmState, long> versionOf)
    {
        var conditional = command with { ExpectedVersion = versionOf(scenario.Farm) };
        scenario.Expect(OutcomeKind.Updated, conditional);
        var after = versionOf(scenario.Farm);
        if (command is DispatchPrinter)
        {
            scenario.Reject(ErrorCodes.VersionMismatch, conditional);
            return;
        }

        scenario.Expect(OutcomeKind.Unchanged, conditional);
        Assert.That(versionOf(scenario.Farm), Is.EqualTo(after), "the retry changed nothing");
    }

    [Test]
    public void Without_If_Match_a_command_applies_whatever_the_version()
        => scenario.Expect(OutcomeKind.Updated, new EditPrinter("p1", null, "MK4S"));

    [Test]
    public void A_negative_If_Match_is_validation_failed()
        => scenario.Reject(ErrorCodes.ValidationFailed, new EditPrinter("p1", null, "MK4S") { ExpectedVersion = -1 });

    [Test]
    public void An_entity_from_a_format_1_entry_is_at_version_0_and_If_Match_can_name_it()
    {
        var farm = scenario.Farm;
        farm.ApplyUnversioned(new CreatePrinter("old", "Prusa", "MK3"), scenario.NextIndex);
        Assert.That(farm.FindPrinter("old")!.Version, Is.Zero);
        scenario.Reject(ErrorCodes.VersionMismatch, new EditPrinter("old", null, "MK3S") { ExpectedVersion = 1 });
        scenario.Expect(OutcomeKind.Updated, new EditPrinter("old", null, "MK3S") { ExpectedVersion = 0 });
    }

    [Test]
    public void Repeating_a_delete_or_an_archive_is_a_no_op_even_with_the_version_it_was_first_sent_with()
    {
        var printer = scenario.Farm.FindPrinter("p3")!.Version;
        var spool = scenario.Filament("f2").Version;
        scenario.Expect(OutcomeKind.Updated, new DeletePrinter("p3") { ExpectedVersion = printer });
        scenario.Expect(OutcomeKind.Unchanged, new DeletePrinter("p3") { ExpectedVersion = printer });
        scenario.Expect(OutcomeKind.Updated, new ArchiveFilament("f2") { ExpectedVersion = spool });
        scenario.Expect(OutcomeKind.Unchanged, new ArchiveFilament("f2") { ExpectedVersion = spool });
    }

    [Test]
    public void Versions_are_the_log_index_of_each_entity_s_last_change()
    {
        var farm = new FarmState();
        farm.Apply(new CreatePrinter("p1", "Prusa", "MK4"), 10);
        farm.Apply(new CreateFilament("f1", FilamentType.PLA, "Red", 1000m, 1000m), 12);
        farm.Apply(Job("j1"), 15);
        Assert.Multiple(() =>
        {
            Assert.That(farm.FindPrinter("p1")!.Version, Is.EqualTo(15), "a job joining its queue changes the printer");
            Assert.That(farm.FindFilament("f1")!.Version, Is.EqualTo(12), "a reservation is derived, not a change of the spool");
            Assert.That(farm.FindPrintJob("j1")!.Version, Is.EqualTo(15));
        });

        farm.Apply(new ReportPrintJobProgress("j1", 10), 17);
        farm.Apply(new DispatchPrinter("p1"), 20);
        farm.Apply(new ReportPrintJobProgress("j1", 10), 21);
        farm.Apply(new ReportPrintJobProgress("j1", 5), 22);
        Assert.Multiple(() =>
        {
            Assert.That(farm.FindPrinter("p1")!.Version, Is.EqualTo(20), "dispatch changed its running job; progress does not change the printer");
            Assert.That(farm.FindPrintJob("j1")!.Version, Is.EqualTo(21), "refused (17) and ignored (22) reports change nothing");
        });

        farm.Apply(new ChangePrintJobStatus("j1", PrintJobStatus.Done), 30);
        Assert.Multiple(() =>
        {
            Assert.That(farm.FindPrinter("p1")!.Version, Is.EqualTo(30));
            Assert.That(farm.FindFilament("f1")!.Version, Is.EqualTo(30), "Done takes the job's weight from the spool");
            Assert.That(farm.FindPrintJob("j1")!.Version, Is.EqualTo(30));
            Assert.That(farm.LastIndex, Is.EqualTo(30));
        });
    }

    private static TestCaseData Guarded(Command command, Func<FarmState, long> versionOf)
        => new TestCaseData(command, versionOf).SetArgDisplayNames(command.Tag.ToString());
}
