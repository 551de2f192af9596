using Raft3D.StateMachine;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.PrintJobs;
using static Raft3D.Tests.Domain.FarmScenario;

namespace Raft3D.Tests.Domain;

/// <summary>
/// Time comes from the leader's stamp on each command, never from a clock in apply, and never runs backwards:
/// a stamp older than the farm's clock (a new leader whose clock lags) is raised to it.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class LeaderTimeRulesTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private FarmState farm = null!;

    [SetUp]
    public void CreateFarm() => farm = new FarmState();

    [Test]
    public void Every_time_an_entity_keeps_is_the_stamp_of_the_command_that_set_it()
    {
        At(0, new CreatePrinter("p1", "Prusa", "MK4"));
        At(1, new CreateFilament("f1", FilamentType.PLA, "Red", 1000m, 1000m));
        At(2, Job("j1"));
        At(3, new DispatchPrinter("p1"));
        At(4, new ChangePrintJobStatus("j1", PrintJobStatus.Done));
        At(5, new ArchiveFilament("f1"));
        At(6, new DeletePrinter("p1"));
        Assert.Multiple(() =>
        {
            Assert.That(farm.FindPrinter("p1"), Has.Property("CreatedAt").EqualTo(T).And.Property("UpdatedAt").EqualTo(T.AddSeconds(6)).And.Property("DeletedAt").EqualTo(T.AddSeconds(6)));
            Assert.That(farm.FindFilament("f1"), Has.Property("CreatedAt").EqualTo(T.AddSeconds(1)).And.Property("UpdatedAt").EqualTo(T.AddSeconds(5)).And.Property("ArchivedAt").EqualTo(T.AddSeconds(5)));
            Assert.That(farm.FindPrintJob("j1"), Has.Property("CreatedAt").EqualTo(T.AddSeconds(2)).And.Property("StartedAt").EqualTo(T.AddSeconds(3)).And.Property("FinishedAt").EqualTo(T.AddSeconds(4)));
            Assert.That(farm.Clock, Is.EqualTo(T.AddSeconds(6)));
        });
    }

    [Test]
    public void A_stamp_older_than_the_clock_is_raised_to_the_clock()
    {
        At(0, new CreatePrinter("p1", "Prusa", "MK4"));
        At(1, new CreateFilament("f1", FilamentType.PLA, "Red", 1000m, 1000m));
        At(10, Job("j1"));
        At(5, new DispatchPrinter("p1"));
        Assert.Multiple(() =>
        {
            Assert.That(farm.FindPrintJob("j1")!.StartedAt, Is.EqualTo(T.AddSeconds(10)));
            Assert.That(farm.FindPrinter("p1")!.UpdatedAt, Is.EqualTo(T.AddSeconds(10)));
            Assert.That(farm.Clock, Is.EqualTo(T.AddSeconds(10)));
        });

        At(20, new ChangePrintJobStatus("j1", PrintJobStatus.Done));
        Assert.That(farm.FindPrintJob("j1")!.FinishedAt, Is.EqualTo(T.AddSeconds(20)));
    }

    [Test]
    public void A_refused_or_repeated_command_leaves_the_clock_where_it_was()
    {
        At(0, new CreatePrinter("p1", "Prusa", "MK4"));
        Assert.That(At(3600, new DispatchPrinter("p1")).Error?.Code, Is.EqualTo(ErrorCodes.QueueEmpty));
        Assert.That(At(7200, new CreatePrinter("p1", "Prusa", "MK4")).Kind, Is.EqualTo(OutcomeKind.Unchanged));
        Assert.That(At(9000, new Checkpoint(TakeSnapshot: false)).Kind, Is.EqualTo(OutcomeKind.Unchanged));
        Assert.That(farm.Clock, Is.EqualTo(T));
    }

    [Test]
    public void An_entry_without_a_stamp_takes_the_clock_and_before_any_stamp_no_time_is_known()
    {
        farm.Apply(new CreatePrinter("p0", "Prusa", "MK4"));
        At(0, new CreatePrinter("p1", "Prusa", "MK4"));
        farm.Apply(new EditPrinter("p1", null, "MK4S"));
        Assert.Multiple(() =>
        {
            Assert.That(farm.FindPrinter("p0")!.CreatedAt, Is.Null);
            Assert.That(farm.FindPrinter("p1")!.UpdatedAt, Is.EqualTo(T));
            Assert.That(farm.Clock, Is.EqualTo(T));
        });
    }

    private CommandOutcome At(int seconds, Command command) => farm.Apply(command with { StampedAt = T.AddSeconds(seconds) });
}
