using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Ledger;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.PrintJobs;
using static Raft3D.Tests.Domain.FarmScenario;

namespace Raft3D.Tests.Domain;

/// <summary>
/// The spool ledger: remaining weight changes only by an entry that says why (the initial weight, a Done job,
/// an adjustment, a scale reading), so the entries always sum to it; and a job's status history.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class LedgerRulesTests
{
    private FarmScenario scenario = null!;

    [SetUp]
    public void CreateFarm() => scenario = WithTwoPrintersAndASpool();

    [Test]
    public void A_new_spool_opens_its_ledger_with_the_weight_it_came_with()
    {
        var index = scenario.NextIndex;
        scenario.Expect(OutcomeKind.Created, new CreateFilament("f2", FilamentType.PETG, "Black", 750m, 500.5m));
        Assert.Multiple(() =>
        {
            Assert.That(
                scenario.Farm.LedgerOf("f2"),
                Is.EqualTo(new[] { new LedgerEntry("f2", 0, LedgerEntryKind.Initial, 500.5m, 500.5m, index, scenario.Filament("f2").CreatedAt) }));
            Assert.That(scenario.Farm.LedgerEntryCount(LedgerEntryKind.Initial), Is.EqualTo(2));
            Assert.That(scenario.Farm.Verify("f2")!.Ok, Is.True);
        });
    }

    [Test]
    public void A_Done_job_consumes_its_planned_weight_in_an_entry_that_names_it()
    {
        scenario.Expect(OutcomeKind.Created, Job("j1", grams: 50m));
        scenario.Expect(OutcomeKind.Updated, new DispatchPrinter("p1"));
        var index = scenario.NextIndex;
        scenario.Expect(OutcomeKind.Updated, new ChangePrintJobStatus("j1", PrintJobStatus.Done));
        var job = scenario.PrintJob("j1").Job;
        Assert.Multiple(() =>
        {
            Assert.That(
                scenario.Farm.LedgerOf("f1")[^1],
                Is.EqualTo(new LedgerEntry("f1", 1, LedgerEntryKind.Consume, -50m, 950m, index, job.FinishedAt) { JobId = "j1" }));
            Assert.That(job, Has.Property("ActualWeightInGrams").Null.And.Property("ConsumedWeightInGrams").EqualTo(50m));
            Assert.That(scenario.Filament("f1").RemainingWeightInGrams, Is.EqualTo(950m));
            Assert.That(scenario.Farm.Verify("f1")!.Ok, Is.True);
        });
    }

    [TestCase(42.125)]
    [TestCase(80)]
    [TestCase(0)]
    public void A_Done_job_with_an_actual_weight_consumes_that_instead_of_the_plan(decimal actual)
    {
        scenario.Expect(OutcomeKind.Created, Job("j1", grams: 50m));
        scenario.Expect(OutcomeKind.Updated, new DispatchPrinter("p1"));
        var outcome = scenario.Expect(OutcomeKind.Updated, new ChangePrintJobStatus("j1", PrintJobStatus.Done) { ActualWeightInGrams = actual });
        Assert.Multiple(() =>
        {
            Assert.That(((PrintJobView)outcome.Entity!).Job, Has.Property("ActualWeightInGrams").EqualTo(actual).And.Property("ConsumedWeightInGrams").EqualTo(actual));
            Assert.That(scenario.Farm.LedgerOf("f1")[^1], Has.Property("Grams").EqualTo(-actual).And.Property("RemainingAfter").EqualTo(1000m - actual));
            Assert.That(scenario.Filament("f1").RemainingWeightInGrams, Is.EqualTo(1000m - actual));
            Assert.That(scenario.Farm.ReservedGramsOf("f1"), Is.Zero, "the planned weight's reservation is released whatever was used");
            Assert.That(scenario.Printer("p1").Printer.PrintedWeightInGrams, Is.EqualTo(actual));
            Assert.That(scenario.Farm.Verify("f1")!.Ok, Is.True);
        });
    }

    [Test]
    public void Done_again_with_another_actual_weight_is_refused_and_with_the_same_is_a_no_op()
    {
        scenario.Expect(OutcomeKind.Created, Job("j1", grams: 50m));
        scenario.Expect(OutcomeKind.Updated, new DispatchPrinter("p1"));
        scenario.Expect(OutcomeKind.Updated, new ChangePrintJobStatus("j1", PrintJobStatus.Done) { ActualWeightInGrams = 42.5m });
        scenario.Expect(OutcomeKind.Unchanged, new ChangePrintJobStatus("j1", PrintJobStatus.Done) { ActualWeightInGrams = 42.50m });
        scenario.Expect(OutcomeKind.Unchanged, new ChangePrintJobStatus("j1", PrintJobStatus.Done));
        var error = scenario.Reject(ErrorCodes.InvalidTransition, new ChangePrintJobStatus("j1", PrintJobStatus.Done) { ActualWeightInGrams = 40m });
        Assert.Multiple(() =>
        {
            Assert.That(error.Detail, Does.Contain("42.5 g").And.Contain("adjustments"));
            Assert.That(scenario.Farm.LedgerOf("f1"), Has.Count.EqualTo(2), "one consumption, whatever was sent after it");
            Assert.That(scenario.Filament("f1").RemainingWeightInGrams, Is.EqualTo(957.5m));
        });
    }

    [Test]
    public void Consuming_more_than_the_spool_records_is_insufficient_filament_and_changes_nothing()
    {
        scenario.Expect(OutcomeKind.Created, Job("j1", grams: 50m));
        scenario.Expect(OutcomeKind.Updated, new DispatchPrinter("p1"));
        var error = scenario.Reject(ErrorCodes.InsufficientFilament, new ChangePrintJobStatus("j1", PrintJobStatus.Done) { ActualWeightInGrams = 1000.001m });
        Assert.That(error.Detail, Does.Contain("1000.001").And.Contain("measure"));

        // A correction below the plan since the start: the planned weight is no longer there either.
        scenario.Expect(OutcomeKind.Updated, new AdjustFilament("f1", -970m, "the spool was nearly empty"));
        scenario.Reject(ErrorCodes.InsufficientFilament, new ChangePrintJobStatus("j1", PrintJobStatus.Done));
        scenario.Expect(OutcomeKind.Updated, new ChangePrintJobStatus("j1", PrintJobStatus.Done) { ActualWeightInGrams = 30m });
        Assert.That(scenario.Filament("f1").RemainingWeightInGrams, Is.Zero);
    }

    [TestCase(PrintJobStatus.Running)]
    [TestCase(PrintJobStatus.Canceled)]
    [TestCase(PrintJobStatus.Queued)]
    public void An_actual_weight_comes_with_Done_only(PrintJobStatus status)
    {
        scenario.Expect(OutcomeKind.Created, Job("j1", grams: 50m));
        var error = scenario.Reject(ErrorCodes.ValidationFailed, new ChangePrintJobStatus("j1", status) { ActualWeightInGrams = 10m });
        Assert.That(error.Detail, Does.Contain("actual_weight_in_grams").And.Contain(status.ToString()));
    }

    [Test]
    public void An_adjustment_adds_or_takes_grams_and_keeps_remaining_from_zero_to_the_total()
    {
        var index = scenario.NextIndex;
        var outcome = scenario.Expect(OutcomeKind.Updated, new AdjustFilament("f1", -200.5m, "spilled"));
        Assert.Multiple(() =>
        {
            Assert.That(((FilamentView)outcome.Entity!).Filament, Has.Property("RemainingWeightInGrams").EqualTo(799.5m).And.Property("Version").EqualTo(index));
            Assert.That(
                scenario.Farm.LedgerOf("f1")[^1],
                Is.EqualTo(new LedgerEntry("f1", 1, LedgerEntryKind.Adjust, -200.5m, 799.5m, index, scenario.Filament("f1").UpdatedAt) { Reason = "spilled" }));
        });

        scenario.Expect(OutcomeKind.Updated, new AdjustFilament("f1", 200.5m, null));
        scenario.Reject(ErrorCodes.WeightOutOfRange, new AdjustFilament("f1", 0.001m, null));
        scenario.Expect(OutcomeKind.Updated, new AdjustFilament("f1", -1000m, null));
        var error = scenario.Reject(ErrorCodes.WeightOutOfRange, new AdjustFilament("f1", -0.001m, null));
        Assert.That(error.Detail, Does.Contain("-0.001 g").And.Contain("1000 g"));
        scenario.Reject(ErrorCodes.NotFound, new AdjustFilament("ghost", 1m, null));
        Assert.That(scenario.Farm.LedgerEntryCount(LedgerEntryKind.Adjust), Is.EqualTo(3));
    }

    [Test]
    public void A_correction_below_what_jobs_hold_is_allowed_and_shows_as_negative_available()
    {
        scenario.Expect(OutcomeKind.Created, Job("j1", grams: 300m));
        var outcome = scenario.Expect(OutcomeKind.Updated, new AdjustFilament("f1", -800m, "mislabelled"));
        Assert.Multiple(() =>
        {
            Assert.That(((FilamentView)outcome.Entity!).AvailableWeightInGrams, Is.EqualTo(-100m));
            Assert.That(scenario.Farm.DescribeFilament("f1")!.ReservedWeightInGrams, Is.EqualTo(300m));
        });
        scenario.Reject(ErrorCodes.InsufficientFilament, new ChangePrintJobStatus("j1", PrintJobStatus.Running));
    }

    [Test]
    public void Corrections_honour_If_Match_on_the_spool()
    {
        var version = scenario.Filament("f1").Version;
        scenario.Reject(ErrorCodes.VersionMismatch, new AdjustFilament("f1", -1m, null) { ExpectedVersion = version - 1 });
        scenario.Reject(ErrorCodes.VersionMismatch, new MeasureFilament("f1", 900m, 100m, null) { ExpectedVersion = version + 1 });
        scenario.Expect(OutcomeKind.Updated, new AdjustFilament("f1", -1m, null) { ExpectedVersion = version });
        scenario.Reject(ErrorCodes.VersionMismatch, new AdjustFilament("f1", -1m, null) { ExpectedVersion = version });
        scenario.Expect(OutcomeKind.Updated, new MeasureFilament("f1", 900m, 100m, null) { ExpectedVersion = scenario.Filament("f1").Version });
    }

    [Test]
    public void A_reading_sets_remaining_to_the_gross_weight_less_the_spool_weight_sent_with_it()
    {
        var index = scenario.NextIndex;
        scenario.Expect(OutcomeKind.Updated, new MeasureFilament("f1", 1150m, 250m, "weekly weigh-in"));
        Assert.Multiple(() =>
        {
            Assert.That(scenario.Filament("f1").RemainingWeightInGrams, Is.EqualTo(900m));
            Assert.That(
                scenario.Farm.LedgerOf("f1")[^1],
                Is.EqualTo(new LedgerEntry("f1", 1, LedgerEntryKind.Measure, -100m, 900m, index, scenario.Filament("f1").UpdatedAt) { Reason = "weekly weigh-in" }));
            Assert.That(scenario.Filament("f1").SpoolWeightInGrams, Is.Null, "a reading does not store the spool weight it came with");
        });
    }

    [Test]
    public void A_reading_without_a_spool_weight_uses_the_stored_one_and_one_sent_with_it_wins()
    {
        scenario.Expect(OutcomeKind.Updated, new EditFilament("f1", null, null) { SpoolWeightInGrams = WeightPatch.Set(200m) });
        scenario.Expect(OutcomeKind.Updated, new MeasureFilament("f1", 1100m, null, null));
        Assert.That(scenario.Filament("f1").RemainingWeightInGrams, Is.EqualTo(900m));
        scenario.Expect(OutcomeKind.Updated, new MeasureFilament("f1", 1100m, 300m, null));
        Assert.That(scenario.Filament("f1").RemainingWeightInGrams, Is.EqualTo(800m));
    }

    [Test]
    public void A_reading_with_no_spool_weight_anywhere_is_spool_weight_unknown()
    {
        var error = scenario.Reject(ErrorCodes.SpoolWeightUnknown, new MeasureFilament("f1", 1100m, null, null));
        Assert.That(error.Detail, Does.Contain("spool_weight_in_grams"));
        scenario.Expect(OutcomeKind.Updated, new EditFilament("f1", null, null) { SpoolWeightInGrams = WeightPatch.Set(200m) });
        scenario.Expect(OutcomeKind.Updated, new EditFilament("f1", null, null) { SpoolWeightInGrams = WeightPatch.Remove });
        scenario.Reject(ErrorCodes.SpoolWeightUnknown, new MeasureFilament("f1", 1100m, null, null));
        scenario.Reject(ErrorCodes.NotFound, new MeasureFilament("ghost", 1100m, 100m, null));
    }

    [TestCase(200, 250)]
    [TestCase(1250.001, 250)]
    public void A_reading_that_leaves_remaining_outside_zero_to_the_total_is_weight_out_of_range(decimal gross, decimal spool)
        => scenario.Reject(ErrorCodes.WeightOutOfRange, new MeasureFilament("f1", gross, spool, null));

    [Test]
    public void A_reading_that_agrees_with_the_record_is_still_an_entry_of_zero_grams()
    {
        var index = scenario.NextIndex;
        scenario.Expect(OutcomeKind.Updated, new MeasureFilament("f1", 1250m, 250m, null));
        Assert.Multiple(() =>
        {
            Assert.That(scenario.Farm.LedgerOf("f1")[^1], Has.Property("Kind").EqualTo(LedgerEntryKind.Measure).And.Property("Grams").Zero.And.Property("Index").EqualTo(index));
            Assert.That(scenario.Filament("f1").Version, Is.EqualTo(index), "the spool was checked: a change to its history");
        });
    }

    [Test]
    public void The_ledger_pages_newest_first_and_its_cursor_stays_put_while_entries_are_added()
    {
        for (var grams = 1; grams <= 4; grams++)
        {
            scenario.Expect(OutcomeKind.Updated, new AdjustFilament("f1", -grams, null));
        }

        var first = scenario.Farm.PageLedger("f1", before: -1, limit: 2);
        Assert.That((first.Items.Select(e => e.Sequence), first.Total, first.NextAfter), Is.EqualTo((new[] { 4, 3 }, 5, (int?)3)));

        scenario.Expect(OutcomeKind.Updated, new AdjustFilament("f1", -5m, null));
        var second = scenario.Farm.PageLedger("f1", before: first.NextAfter!.Value, limit: 2);
        Assert.That((second.Items.Select(e => e.Sequence), second.Total, second.NextAfter), Is.EqualTo((new[] { 2, 1 }, 6, (int?)1)));
        var last = scenario.Farm.PageLedger("f1", before: second.NextAfter!.Value, limit: 2);
        Assert.Multiple(() =>
        {
            Assert.That((last.Items.Select(e => e.Sequence), last.NextAfter), Is.EqualTo((new[] { 0 }, (int?)null)));
            Assert.That(scenario.Farm.PageLedger("f1", before: -1, limit: 10).Items.Select(e => e.RemainingAfter), Is.EqualTo(new[] { 985m, 990m, 994m, 997m, 999m, 1000m }));
            Assert.That(scenario.Farm.PageLedger("ghost", before: -1, limit: 10), Has.Property("Items").Empty.And.Property("Total").Zero);
        });
    }

    [Test]
    public void LedgerOf_reads_a_spool_s_entries_as_far_as_a_log_index_reached()
    {
        scenario.Expect(OutcomeKind.Updated, new AdjustFilament("f1", -1m, null));
        var index = scenario.Farm.LastIndex;
        scenario.Expect(OutcomeKind.Updated, new AdjustFilament("f1", -2m, null));
        Assert.Multiple(() =>
        {
            Assert.That(scenario.Farm.LedgerOf("f1", upToIndex: index).Select(e => e.Grams), Is.EqualTo(new[] { 1000m, -1m }));
            Assert.That(scenario.Farm.LedgerOf("f1").Select(e => e.Grams), Is.EqualTo(new[] { 1000m, -1m, -2m }));
            Assert.That(scenario.Farm.LedgerOf("ghost"), Is.Empty);
        });
    }

    [Test]
    public void Verify_checks_the_stored_numbers_against_the_ledger_and_the_jobs()
    {
        scenario.Expect(OutcomeKind.Created, Job("j1", grams: 50m));
        scenario.Expect(OutcomeKind.Updated, new AdjustFilament("f1", -100m, null));
        var ok = scenario.Farm.Verify("f1")!;
        Assert.That(
            ok,
            Has.Property("Ok").True
                .And.Property("Index").EqualTo(scenario.Farm.LastIndex)
                .And.Property("StoredRemainingWeightInGrams").EqualTo(900m)
                .And.Property("LedgerRemainingWeightInGrams").EqualTo(900m)
                .And.Property("StoredReservedWeightInGrams").EqualTo(50m)
                .And.Property("JobsReservedWeightInGrams").EqualTo(50m)
                .And.Property("Entries").EqualTo(2));

        // What a bug would leave: stored numbers that their history does not explain.
        scenario.Farm.ReservedGrams["f1"] = 40m;
        scenario.Farm.Filaments.Replace(scenario.Filament("f1") with { RemainingWeightInGrams = 901m });
        var broken = scenario.Farm.Verify("f1")!;
        Assert.Multiple(() =>
        {
            Assert.That(broken.Ok, Is.False);
            Assert.That(broken.Problems, Has.Count.EqualTo(2));
            Assert.That(broken.Problems, Has.Some.Contains("901 g").And.Some.Contains("40 g"));
            Assert.That(scenario.Farm.Verify("ghost"), Is.Null);
        });
    }

    [Test]
    public void A_job_s_history_is_each_status_it_took_with_the_time_and_log_index()
    {
        var created = scenario.NextIndex;
        scenario.Expect(OutcomeKind.Created, Job("j1"));
        var started = scenario.NextIndex;
        scenario.Expect(OutcomeKind.Updated, new DispatchPrinter("p1"));
        var finished = scenario.NextIndex;
        scenario.Expect(OutcomeKind.Updated, new ChangePrintJobStatus("j1", PrintJobStatus.Done));
        var job = scenario.PrintJob("j1").Job;
        Assert.Multiple(() =>
        {
            Assert.That((job.CreatedIndex, job.StartedIndex, job.FinishedIndex), Is.EqualTo((created, started, finished)));
            Assert.That(PrintJobHistory.Of(job), Is.EqualTo(new[]
            {
                new PrintJobHistoryEntry(PrintJobStatus.Queued, job.CreatedAt, created),
                new PrintJobHistoryEntry(PrintJobStatus.Running, job.StartedAt, started),
                new PrintJobHistoryEntry(PrintJobStatus.Done, job.FinishedAt, finished),
            }));
        });
    }

    [Test]
    public void A_canceled_job_s_history_has_Running_only_if_it_ran()
    {
        scenario.Expect(OutcomeKind.Created, Job("started"));
        scenario.Expect(OutcomeKind.Created, Job("waiting"));
        scenario.Expect(OutcomeKind.Updated, new ChangePrintJobStatus("waiting", PrintJobStatus.Canceled));
        scenario.Expect(OutcomeKind.Updated, new ChangePrintJobStatus("started", PrintJobStatus.Running));
        scenario.Expect(OutcomeKind.Updated, new ChangePrintJobStatus("started", PrintJobStatus.Canceled));
        Assert.Multiple(() =>
        {
            Assert.That(PrintJobHistory.Of(scenario.PrintJob("waiting").Job).Select(h => h.Status), Is.EqualTo(new[] { PrintJobStatus.Queued, PrintJobStatus.Canceled }));
            Assert.That(scenario.PrintJob("waiting").Job.StartedIndex, Is.Zero);
            Assert.That(
                PrintJobHistory.Of(scenario.PrintJob("started").Job).Select(h => h.Status),
                Is.EqualTo(new[] { PrintJobStatus.Queued, PrintJobStatus.Running, PrintJobStatus.Canceled }));
        });
    }
}
