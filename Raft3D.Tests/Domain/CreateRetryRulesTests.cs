using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.Snapshots;
using static Raft3D.Tests.Domain.FarmScenario;

namespace Raft3D.Tests.Domain;

/// <summary>
/// A 503 tells the client that retrying a create with the same id is safe. That must stay true when an edit
/// overtook the retry: the retry is judged against what the create said, and a snapshot keeps that too.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class CreateRetryRulesTests
{
    [Test]
    public void A_create_retried_after_its_entity_was_edited_is_a_replay_and_a_different_create_is_still_duplicate_id()
    {
        var scenario = WithTwoPrintersAndASpool();
        var job = Job("j1");
        scenario.Expect(OutcomeKind.Created, job);
        scenario.Expect(OutcomeKind.Updated, new EditPrinter("p1", "Original Prusa", "MK4S"));
        scenario.Expect(OutcomeKind.Updated, new EditFilament("f1", FilamentType.PETG, "Crimson"));
        scenario.Expect(OutcomeKind.Updated, new EditPrintJob("j1", "/prints/v2.gcode", 20m));

        scenario.Expect(OutcomeKind.Unchanged, new CreatePrinter("p1", "Prusa", "MK4"));
        scenario.Expect(OutcomeKind.Unchanged, new CreateFilament("f1", FilamentType.PLA, "Red", 1000m, 1000m));
        scenario.Expect(OutcomeKind.Unchanged, job);
        scenario.Reject(ErrorCodes.DuplicateId, new CreatePrinter("p1", "Original Prusa", "MK4S"));
        scenario.Reject(ErrorCodes.DuplicateId, new CreateFilament("f1", FilamentType.PETG, "Crimson", 1000m, 1000m));
        scenario.Reject(ErrorCodes.DuplicateId, job with { Filepath = "/prints/v2.gcode", PrintWeightInGrams = 20m });
    }

    [Test]
    public void What_the_create_said_survives_a_snapshot()
    {
        var scenario = WithTwoPrintersAndASpool();
        scenario.Expect(OutcomeKind.Updated, new EditPrinter("p1", null, "MK4S"));
        var restored = new Raft3D.StateMachine.FarmState();
        FarmSnapshotCodec.Read(FarmSnapshotCodec.Serialize(scenario.Farm), restored, scenario.Farm.LastIndex);
        Assert.That(restored.Apply(new CreatePrinter("p1", "Prusa", "MK4")).Kind, Is.EqualTo(OutcomeKind.Unchanged));
    }
}
