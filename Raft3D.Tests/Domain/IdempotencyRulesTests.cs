using Raft3D.StateMachine;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.Printers;
using Raft3D.StateMachine.PrintJobs;
using Raft3D.StateMachine.Snapshots;
using static Raft3D.Tests.Domain.FarmScenario;

namespace Raft3D.Tests.Domain;

/// <summary>
/// Idempotency-Keys, judged in apply: the first request under a key is applied and its outcome kept; the same
/// request again answers that outcome (a replay) and changes nothing; another request under the key is refused.
/// Keys are kept for a window of a count and an age, which the command carries.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class IdempotencyRulesTests
{
    private FarmScenario scenario = null!;

    [SetUp]
    public void CreateFarm() => scenario = WithTwoPrintersAndASpool();

    [Test]
    public void A_retry_answers_the_first_outcome_as_a_replay_even_after_the_spool_changed_and_changes_nothing()
    {
        var adjust = Keyed(new AdjustFilament("f1", -100m, "spilled"), "k1");
        var first = scenario.Expect(OutcomeKind.Updated, adjust);
        scenario.Expect(OutcomeKind.Updated, new AdjustFilament("f1", -50m, null));
        var before = FarmSnapshotCodec.Digest(scenario.Farm);

        // The retry reached the log later (another leader, another stamp): the same request all the same.
        var retry = scenario.Apply(adjust);
        Assert.Multiple(() =>
        {
            Assert.That(retry, Is.EqualTo(first with { IsReplay = true }));
            Assert.That(((FilamentView)retry.Entity!).Filament.RemainingWeightInGrams, Is.EqualTo(900m), "the spool as the first request left it");
            Assert.That(scenario.Filament("f1").RemainingWeightInGrams, Is.EqualTo(850m), "applied once");
            Assert.That(scenario.Farm.LedgerOf("f1"), Has.Count.EqualTo(3));
            Assert.That(FarmSnapshotCodec.Digest(scenario.Farm), Is.EqualTo(before));
        });
    }

    [Test]
    public void A_retry_with_another_window_is_the_same_request()
    {
        var create = Keyed(new CreatePrinter("p3", "Bambu", "X1C"), "k1");
        var first = scenario.Expect(OutcomeKind.Created, create);
        var retry = scenario.Apply(create with { Idempotency = new IdempotencyKey("k1", new IdempotencyWindow(50, TimeSpan.FromHours(2))) });
        Assert.That(retry, Is.EqualTo(first with { IsReplay = true }));
    }

    [Test]
    public void A_keyed_create_replays_the_entity_as_it_was_created()
    {
        var create = Keyed(new CreatePrinter("p3", "Bambu", "X1C"), "create-p3");
        var first = scenario.Expect(OutcomeKind.Created, create);
        scenario.Expect(OutcomeKind.Updated, new EditPrinter("p3", null, "P1S"));
        scenario.Expect(OutcomeKind.Created, Job("j1", printer: "p3"));

        var retry = scenario.Apply(create);
        Assert.Multiple(() =>
        {
            Assert.That(retry.Kind, Is.EqualTo(OutcomeKind.Created));
            Assert.That(retry.IsReplay, Is.True);
            Assert.That(retry.Entity, Is.EqualTo(first.Entity));
            Assert.That(((PrinterView)retry.Entity!).Printer.Model, Is.EqualTo("X1C"));
            Assert.That(((PrinterView)retry.Entity!).QueuedJobs, Is.Zero);
            Assert.That(scenario.Printer("p3").Printer.Model, Is.EqualTo("P1S"));
        });
    }

    [Test]
    public void A_keyed_request_that_was_refused_replays_the_refusal_after_its_cause_went_away()
    {
        var create = Keyed(Job("j1", filament: "f2"), "create-j1");
        var first = scenario.Expect(OutcomeKind.Rejected, create);
        Assert.That(first.Error?.Code, Is.EqualTo(ErrorCodes.UnknownReference));
        scenario.Expect(OutcomeKind.Created, new CreateFilament("f2", FilamentType.PETG, "Black", 500m, 500m));

        // As Stripe does: the key names a request that reached the farm, and its answer was the refusal.
        var retry = scenario.Apply(create);
        Assert.Multiple(() =>
        {
            Assert.That(retry, Is.EqualTo(first with { IsReplay = true }));
            Assert.That(scenario.Farm.FindPrintJob("j1"), Is.Null);
        });

        scenario.Expect(OutcomeKind.Created, Keyed(Job("j1", filament: "f2"), "create-j1-again"));
    }

    [Test]
    public void The_same_key_with_another_request_is_refused_and_changes_nothing()
    {
        var index = scenario.NextIndex;
        scenario.Expect(OutcomeKind.Updated, Keyed(new AdjustFilament("f1", -100m, null), "k1"));
        var version = scenario.Filament("f1").Version;

        var error = scenario.Reject(ErrorCodes.IdempotencyKeyReused, Keyed(new AdjustFilament("f1", -10m, null), "k1"));
        Assert.That(error.Detail, Does.Contain("'k1'").And.Contain($"log index {index}"));

        // What the request asked is the request: another reason, If-Match or kind of command is another request.
        scenario.Reject(ErrorCodes.IdempotencyKeyReused, Keyed(new AdjustFilament("f1", -100m, "typo"), "k1"));
        scenario.Reject(ErrorCodes.IdempotencyKeyReused, Keyed(new AdjustFilament("f1", -100m, null) { ExpectedVersion = version }, "k1"));
        scenario.Reject(ErrorCodes.IdempotencyKeyReused, Keyed(new ArchiveFilament("f1"), "k1"));
        Assert.That(scenario.Filament("f1").RemainingWeightInGrams, Is.EqualTo(900m));
    }

    [Test]
    public void A_retry_that_writes_a_weight_with_other_trailing_zeros_is_the_same_request()
    {
        var first = scenario.Expect(OutcomeKind.Updated, Keyed(new AdjustFilament("f1", -12.5m, null), "k1"));
        var retry = scenario.Apply(Keyed(new AdjustFilament("f1", -12.50m, null), "k1"));
        Assert.Multiple(() =>
        {
            Assert.That(retry, Is.EqualTo(first with { IsReplay = true }));
            Assert.That(scenario.Filament("f1").RemainingWeightInGrams, Is.EqualTo(987.5m));
        });
    }

    [Test]
    public void Keys_are_compared_exactly()
    {
        scenario.Expect(OutcomeKind.Updated, Keyed(new AdjustFilament("f1", -100m, null), "k1"));
        scenario.Expect(OutcomeKind.Updated, Keyed(new AdjustFilament("f1", -10m, null), "K1"));
        scenario.Expect(OutcomeKind.Updated, Keyed(new AdjustFilament("f1", -1m, null), "k 1"));
        Assert.Multiple(() =>
        {
            Assert.That(scenario.Filament("f1").RemainingWeightInGrams, Is.EqualTo(889m));
            Assert.That(scenario.Farm.IdempotencyKeyCount, Is.EqualTo(3));
        });
    }

    [Test]
    public void The_kept_record_says_which_request_when_and_what_it_answered()
    {
        var index = scenario.NextIndex;
        var stamp = scenario.NextStamp;
        var outcome = scenario.Expect(OutcomeKind.Updated, Keyed(new ArchiveFilament("f1"), "archive-f1"));
        var record = scenario.Farm.FindIdempotencyKey("archive-f1");
        Assert.Multiple(() =>
        {
            Assert.That(record, Has.Property("Key").EqualTo("archive-f1").And.Property("Index").EqualTo(index).And.Property("At").EqualTo(stamp));
            Assert.That(record!.Outcome, Is.EqualTo(outcome));
            Assert.That(scenario.Farm.FindIdempotencyKey("never-sent"), Is.Null);
        });
    }

    [Test]
    public void A_request_refused_by_validation_keeps_no_key()
    {
        var before = FarmSnapshotCodec.Digest(scenario.Farm);
        var outcome = scenario.Apply(Keyed(new AdjustFilament("f1", 0m, null), "k1"));
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Error?.Code, Is.EqualTo(ErrorCodes.ValidationFailed));
            Assert.That(scenario.Farm.IdempotencyKeyCount, Is.Zero);
            Assert.That(FarmSnapshotCodec.Digest(scenario.Farm), Is.EqualTo(before));
        });

        // It never reached the rules, so the corrected request may use the key.
        scenario.Expect(OutcomeKind.Updated, Keyed(new AdjustFilament("f1", -5m, null), "k1"));
    }

    [TestCase("")]
    [TestCase("tab\tinside")]
    [TestCase("ümlaut")]
    public void A_malformed_key_is_refused_before_anything_is_kept(string key)
    {
        scenario.Reject(ErrorCodes.ValidationFailed, Keyed(new AdjustFilament("f1", -5m, null), key));
        Assert.That(scenario.Farm.IdempotencyKeyCount, Is.Zero);
    }

    /// <summary>
    /// A checkpoint is the node's own marker, never a client's request, and its outcome (the farm itself) is
    /// nothing a snapshot can keep: a keyed one in the log would make every node fail at its next snapshot.
    /// </summary>
    [Test]
    public void A_checkpoint_carries_no_key()
    {
        scenario.Reject(ErrorCodes.ValidationFailed, Keyed(new Checkpoint(TakeSnapshot: true), "k1"));
        Assert.That(() => FarmSnapshotCodec.Serialize(scenario.Farm), Throws.Nothing);
    }

    [Test]
    public void Beyond_the_window_s_count_the_oldest_keys_are_forgotten_and_a_forgotten_key_is_a_new_request()
    {
        var window = new IdempotencyWindow(2, TimeSpan.FromHours(1));
        var a = Keyed(new AdjustFilament("f1", -1m, null), "a", window);
        scenario.Expect(OutcomeKind.Updated, a);
        scenario.Expect(OutcomeKind.Updated, Keyed(new AdjustFilament("f1", -2m, null), "b", window));
        scenario.Expect(OutcomeKind.Updated, Keyed(new AdjustFilament("f1", -3m, null), "c", window));
        Assert.Multiple(() =>
        {
            Assert.That(scenario.Farm.IdempotencyKeyCount, Is.EqualTo(2));
            Assert.That(scenario.Farm.FindIdempotencyKey("a"), Is.Null);
            Assert.That(scenario.Farm.FindIdempotencyKey("b"), Is.Not.Null);
        });

        // The window is the limit of the promise: a retry after it is applied again.
        Assert.That(scenario.Expect(OutcomeKind.Updated, a).IsReplay, Is.False);
        Assert.Multiple(() =>
        {
            Assert.That(scenario.Filament("f1").RemainingWeightInGrams, Is.EqualTo(993m));
            Assert.That(scenario.Farm.FindIdempotencyKey("b"), Is.Null, "a came back as the newest; b was then the oldest");
            Assert.That(scenario.Farm.FindIdempotencyKey("c"), Is.Not.Null);
        });
    }

    [Test]
    public void A_key_is_kept_for_the_window_s_age_to_the_millisecond_and_evicted_by_the_next_keyed_command()
    {
        var window = new IdempotencyWindow(100, TimeSpan.FromSeconds(10));
        var a = Keyed(new AdjustFilament("f1", -1m, null), "a", window);
        scenario.Expect(OutcomeKind.Updated, a);
        scenario.Wait(TimeSpan.FromSeconds(9));
        scenario.Expect(OutcomeKind.Updated, Keyed(new AdjustFilament("f1", -2m, null), "b", window));
        Assert.That(scenario.Farm.FindIdempotencyKey("a"), Is.Not.Null, "exactly as old as the window");

        // Only a keyed command carries a window, so only a keyed command evicts.
        scenario.Wait(TimeSpan.FromHours(1));
        scenario.Expect(OutcomeKind.Updated, new AdjustFilament("f1", -3m, null));
        Assert.That(scenario.Farm.IdempotencyKeyCount, Is.EqualTo(2));

        // A retry past the age is judged after eviction: a new request, applied again.
        Assert.That(scenario.Expect(OutcomeKind.Updated, a).IsReplay, Is.False);
        Assert.Multiple(() =>
        {
            Assert.That(scenario.Farm.IdempotencyKeyCount, Is.EqualTo(1));
            Assert.That(scenario.Farm.FindIdempotencyKey("b"), Is.Null);
            Assert.That(scenario.Filament("f1").RemainingWeightInGrams, Is.EqualTo(993m));
        });
    }

    [Test]
    public void A_smaller_window_on_a_later_command_evicts_by_it()
    {
        scenario.Expect(OutcomeKind.Updated, Keyed(new AdjustFilament("f1", -1m, null), "a"));
        scenario.Expect(OutcomeKind.Updated, Keyed(new AdjustFilament("f1", -2m, null), "b"));
        scenario.Expect(OutcomeKind.Updated, Keyed(new AdjustFilament("f1", -3m, null), "c", new IdempotencyWindow(1, TimeSpan.FromHours(1))));
        Assert.That(scenario.Farm.FindIdempotencyKey("c"), Is.Not.Null);
        Assert.That(scenario.Farm.IdempotencyKeyCount, Is.EqualTo(1));
    }

    /// <summary>
    /// A key's age is measured on the farm's clock, which a lagging leader cannot turn back: a key kept under a
    /// lagging stamp gets the clock's time, so the oldest key is always first and eviction never skips one.
    /// </summary>
    [Test]
    public void A_leader_whose_clock_lags_cannot_keep_a_key_past_the_window()
    {
        var window = new IdempotencyWindow(100, TimeSpan.FromSeconds(10));
        var t = scenario.NextStamp.AddMinutes(1);
        Command Refused(string key, int seconds) => Keyed(new AdjustFilament("ghost", -1m, null), key, window) with { StampedAt = t.AddSeconds(seconds) };

        scenario.Expect(OutcomeKind.Rejected, Refused("a", 20));
        scenario.Expect(OutcomeKind.Rejected, Refused("b", 0));
        scenario.Expect(OutcomeKind.Rejected, Refused("c", 25));
        var now = t.AddSeconds(25);
        Assert.Multiple(() =>
        {
            Assert.That(scenario.Farm.Clock, Is.EqualTo(now), "a kept key is a change, so it moves the clock");
            Assert.That(scenario.Farm.FindIdempotencyKey("b")?.At, Is.EqualTo(t.AddSeconds(20)), "kept at the clock's time, not its lagging stamp");
            Assert.That(
                new[] { "a", "b", "c" }.Select(scenario.Farm.FindIdempotencyKey).Where(r => r is not null && now - r.At > window.MaxAge),
                Is.Empty,
                "no key older than the window");
        });
    }

    /// <summary>
    /// No leader writes a keyed entry without a stamp, but apply takes one: kept before the farm had any time,
    /// its key has no age to keep it by, and as the oldest it would hold back the age eviction of every later key.
    /// </summary>
    [Test]
    public void A_key_kept_before_the_farm_had_a_time_goes_as_soon_as_it_has_one()
    {
        var window = new IdempotencyWindow(100, TimeSpan.FromSeconds(1));
        var farm = new FarmState();
        var t = FirstStamp;
        farm.Apply(Keyed(new DeletePrinter("ghost"), "unstamped", window));
        Assert.That(farm.FindIdempotencyKey("unstamped"), Has.Property("At").Null);
        farm.Apply(Keyed(new DeletePrinter("ghost"), "a", window) with { StampedAt = t });
        farm.Apply(Keyed(new DeletePrinter("ghost"), "b", window) with { StampedAt = t.AddHours(1) });
        Assert.Multiple(() =>
        {
            Assert.That(farm.FindIdempotencyKey("unstamped"), Is.Null);
            Assert.That(farm.FindIdempotencyKey("a"), Is.Null, "an hour past a 1 s window");
            Assert.That(farm.IdempotencyKeyCount, Is.EqualTo(1));
        });
    }

    [Test]
    public void Ledger_entries_name_the_key_of_the_request_that_made_them()
    {
        scenario.Expect(OutcomeKind.Created, Keyed(new CreateFilament("f2", FilamentType.PETG, "Black", 500m, 500m), "create-f2"));
        scenario.Expect(OutcomeKind.Created, Job("j1", filament: "f2"));
        scenario.Expect(OutcomeKind.Updated, new DispatchPrinter("p1"));
        scenario.Expect(OutcomeKind.Updated, Keyed(new ChangePrintJobStatus("j1", PrintJobStatus.Done), "done-j1"));
        scenario.Expect(OutcomeKind.Updated, Keyed(new AdjustFilament("f2", 5m, "found some"), "adjust-f2"));
        scenario.Expect(OutcomeKind.Updated, new MeasureFilament("f2", 700m, 200m, null));
        Assert.That(scenario.Farm.LedgerOf("f2").Select(e => e.IdempotencyKey), Is.EqualTo(new[] { "create-f2", "done-j1", "adjust-f2", null }));
    }

    [Test]
    public void Kept_keys_and_their_outcomes_survive_a_snapshot()
    {
        Command[] keyed =
        [
            Keyed(new CreatePrinter("p3", "Bambu", "X1C"), "printer"),
            Keyed(new EditFilament("f1", null, "Blue") { SpoolWeightInGrams = WeightPatch.Set(250m) }, "filament"),
            Keyed(Job("j1"), "job"),
            Keyed(new DeletePrinter("ghost"), "refused"),
        ];
        var firsts = keyed.Select(scenario.Apply).ToList();
        var restored = new FarmState();
        FarmSnapshotCodec.Read(FarmSnapshotCodec.Serialize(scenario.Farm), restored, scenario.Farm.LastIndex);

        foreach (var (command, first) in keyed.Zip(firsts))
        {
            var retry = command with { StampedAt = scenario.NextStamp };
            Assert.That(restored.Apply(retry), Is.EqualTo(first with { IsReplay = true }), command.Idempotency!.Value);
            Assert.That(scenario.Farm.Apply(retry), Is.EqualTo(first with { IsReplay = true }), command.Idempotency!.Value);
        }

        Assert.That(FarmSnapshotCodec.Digest(restored), Is.EqualTo(FarmSnapshotCodec.Digest(scenario.Farm)));
    }
}
