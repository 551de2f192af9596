using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.PrintJobs;
using Raft3D.StateMachine.Stock;
using static Raft3D.Tests.Domain.FarmScenario;

namespace Raft3D.Tests.Domain;

/// <summary>A spool's stock settings, the low-stock rule (a read-side policy), and the farm's stock by type and colour.</summary>
[TestFixture]
[Category("Fast")]
public sealed class StockRulesTests
{
    private FarmScenario scenario = null!;

    [SetUp]
    public void CreateFarm()
    {
        scenario = new FarmScenario();
        scenario.Expect(OutcomeKind.Created, new CreatePrinter("p1", "Prusa", "MK4"));
    }

    [Test]
    public void A_spool_s_stock_settings_are_stored_at_create_and_patched_kept_cleared_or_set()
    {
        scenario.Expect(OutcomeKind.Created, new CreateFilament("f1", FilamentType.PLA, "Red", 1000m, 1000m) { SpoolWeightInGrams = 250m, LowStockThresholdInGrams = 100m });
        Assert.That(scenario.Filament("f1"), Has.Property("SpoolWeightInGrams").EqualTo(250m).And.Property("LowStockThresholdInGrams").EqualTo(100m));

        scenario.Expect(OutcomeKind.Unchanged, new EditFilament("f1", null, null) { SpoolWeightInGrams = WeightPatch.Keep, LowStockThresholdInGrams = WeightPatch.Set(100m) });
        scenario.Expect(OutcomeKind.Updated, new EditFilament("f1", null, null) { SpoolWeightInGrams = WeightPatch.Set(240.5m) });
        Assert.That(scenario.Filament("f1"), Has.Property("SpoolWeightInGrams").EqualTo(240.5m).And.Property("LowStockThresholdInGrams").EqualTo(100m));
        scenario.Expect(OutcomeKind.Updated, new EditFilament("f1", null, null) { LowStockThresholdInGrams = WeightPatch.Remove });
        Assert.That(scenario.Filament("f1"), Has.Property("SpoolWeightInGrams").EqualTo(240.5m).And.Property("LowStockThresholdInGrams").Null);
        scenario.Expect(OutcomeKind.Unchanged, new EditFilament("f1", null, null) { LowStockThresholdInGrams = WeightPatch.Remove });
        Assert.That(scenario.Filament("f1").RemainingWeightInGrams, Is.EqualTo(1000m), "stock settings never change the weight");
    }

    [Test]
    public void A_retried_create_is_judged_with_its_stock_settings_even_after_an_edit()
    {
        var create = new CreateFilament("f1", FilamentType.PLA, "Red", 1000m, 1000m) { SpoolWeightInGrams = 250m };
        scenario.Expect(OutcomeKind.Created, create);
        scenario.Expect(OutcomeKind.Unchanged, create);
        scenario.Reject(ErrorCodes.DuplicateId, create with { SpoolWeightInGrams = 260m });
        scenario.Reject(ErrorCodes.DuplicateId, create with { LowStockThresholdInGrams = 100m });
        scenario.Expect(OutcomeKind.Updated, new EditFilament("f1", null, null) { SpoolWeightInGrams = WeightPatch.Set(300m), LowStockThresholdInGrams = WeightPatch.Set(50m) });
        scenario.Expect(OutcomeKind.Unchanged, create);
        scenario.Reject(ErrorCodes.DuplicateId, create with { SpoolWeightInGrams = 300m, LowStockThresholdInGrams = 50m });
    }

    [Test]
    public void A_spool_is_low_when_available_falls_below_the_default_share_of_its_total()
    {
        scenario.Expect(OutcomeKind.Created, new CreateFilament("f1", FilamentType.PLA, "Red", 1000m, 150m));
        var policy = StockPolicy.Default;
        Assert.Multiple(() =>
        {
            Assert.That(policy.ThresholdOf(scenario.Filament("f1")), Is.EqualTo(100m));
            Assert.That(policy.IsLow(scenario.Farm.DescribeFilament("f1")!), Is.False);
        });

        // Reserved grams are spoken for: available is what decides.
        scenario.Expect(OutcomeKind.Created, Job("j1", grams: 60m));
        Assert.Multiple(() =>
        {
            Assert.That(scenario.Farm.DescribeFilament("f1")!.AvailableWeightInGrams, Is.EqualTo(90m));
            Assert.That(policy.IsLow(scenario.Farm.DescribeFilament("f1")!), Is.True);
            Assert.That(new StockPolicy(0.05m).IsLow(scenario.Farm.DescribeFilament("f1")!), Is.False, "each node's own share");
        });
    }

    [Test]
    public void A_spool_s_own_threshold_replaces_the_default_share()
    {
        scenario.Expect(OutcomeKind.Created, new CreateFilament("f1", FilamentType.PLA, "Red", 1000m, 400m) { LowStockThresholdInGrams = 300m });
        Assert.That(StockPolicy.Default.IsLow(scenario.Farm.DescribeFilament("f1")!), Is.False);
        scenario.Expect(OutcomeKind.Updated, new AdjustFilament("f1", -150m, null));
        Assert.That(StockPolicy.Default.IsLow(scenario.Farm.DescribeFilament("f1")!), Is.True);
        scenario.Expect(OutcomeKind.Updated, new EditFilament("f1", null, null) { LowStockThresholdInGrams = WeightPatch.Set(0m) });
        Assert.That(StockPolicy.Default.IsLow(scenario.Farm.DescribeFilament("f1")!), Is.False, "a threshold of 0 never warns");
    }

    [Test]
    public void The_default_threshold_is_rounded_to_the_milligram()
    {
        scenario.Expect(OutcomeKind.Created, new CreateFilament("f1", FilamentType.PLA, "Red", 333.333m, 333.333m));
        Assert.That(new StockPolicy(0.1m).ThresholdOf(scenario.Filament("f1")), Is.EqualTo(33.333m));
    }

    [Test]
    public void Listing_low_stock_spools_follows_the_policy_given_and_leaves_out_archived_ones_unless_asked()
    {
        scenario.Expect(OutcomeKind.Created, new CreateFilament("low", FilamentType.PLA, "Red", 1000m, 50m));
        scenario.Expect(OutcomeKind.Created, new CreateFilament("nearly-full", FilamentType.PLA, "Red", 1000m, 990m));
        scenario.Expect(OutcomeKind.Created, new CreateFilament("archived", FilamentType.PLA, "Red", 1000m, 10m));
        scenario.Expect(OutcomeKind.Updated, new ArchiveFilament("archived"));
        string[] Low(bool includeArchived, StockPolicy? policy)
            => [.. scenario.Farm.PageFilaments(includeArchived, policy, -1, 100).Items.Select(v => v.Filament.Id)];
        Assert.Multiple(() =>
        {
            Assert.That(Low(includeArchived: false, StockPolicy.Default), Is.EqualTo(new[] { "low" }));
            Assert.That(Low(includeArchived: true, StockPolicy.Default), Is.EqualTo(new[] { "low", "archived" }));
            Assert.That(Low(includeArchived: false, policy: null), Is.EqualTo(new[] { "low", "nearly-full" }));
            Assert.That(Low(includeArchived: false, new StockPolicy(1m)), Is.EqualTo(new[] { "low", "nearly-full" }), "a share of 100 %: every spool that is not full");
        });
    }

    [Test]
    public void Stock_groups_live_spools_by_type_and_colour_ignoring_case_as_the_oldest_spool_spells_it()
    {
        scenario.Expect(OutcomeKind.Created, new CreateFilament("f1", FilamentType.PLA, "Red", 1000m, 800m));
        scenario.Expect(OutcomeKind.Created, new CreateFilament("f2", FilamentType.PETG, "Red", 750m, 750m));
        scenario.Expect(OutcomeKind.Created, new CreateFilament("f3", FilamentType.PLA, "red", 500m, 500m) { LowStockThresholdInGrams = 20m });
        scenario.Expect(OutcomeKind.Created, new CreateFilament("f4", FilamentType.PLA, "RED", 1000m, 1000m));
        scenario.Expect(OutcomeKind.Updated, new ArchiveFilament("f4"));
        Assert.That(scenario.Farm.Stock(StockPolicy.Default), Is.EqualTo(new[]
        {
            new StockGroup(FilamentType.PLA, "Red", 2, 1300m, 0m, 1300m, 0m, 0m, 120m),
            new StockGroup(FilamentType.PETG, "Red", 1, 750m, 0m, 750m, 0m, 0m, 75m),
        }));
    }

    [Test]
    public void Queued_jobs_are_the_group_s_demand_and_running_ones_only_hold_their_reservation()
    {
        scenario.Expect(OutcomeKind.Created, new CreateFilament("f1", FilamentType.PLA, "Red", 1000m, 1000m));
        scenario.Expect(OutcomeKind.Created, new CreateFilament("f2", FilamentType.PLA, "Red", 500m, 200m));
        scenario.Expect(OutcomeKind.Created, Job("running", grams: 30m));
        scenario.Expect(OutcomeKind.Updated, new DispatchPrinter("p1"));
        scenario.Expect(OutcomeKind.Created, Job("queued", grams: 100m));
        scenario.Expect(OutcomeKind.Created, Job("unassigned", grams: 50m, printer: null, filament: "f2"));
        scenario.Expect(OutcomeKind.Created, Job("canceled", grams: 70m, printer: null));
        scenario.Expect(OutcomeKind.Updated, new ChangePrintJobStatus("canceled", PrintJobStatus.Canceled));
        var group = scenario.Farm.Stock(StockPolicy.Default).Single();
        Assert.That(group, Is.EqualTo(new StockGroup(FilamentType.PLA, "Red", 2, 1200m, 180m, 1020m, 150m, 50m, 150m)));
        Assert.That(group.LowStock, Is.False);
    }

    [Test]
    public void A_group_is_low_when_its_available_grams_fall_below_the_sum_of_its_spools_thresholds()
    {
        scenario.Expect(OutcomeKind.Created, new CreateFilament("f1", FilamentType.PLA, "Red", 1000m, 60m));
        scenario.Expect(OutcomeKind.Created, new CreateFilament("f2", FilamentType.PLA, "Red", 1000m, 150m) { LowStockThresholdInGrams = 100m });
        Assert.That(scenario.Farm.Stock(StockPolicy.Default).Single(), Has.Property("AvailableWeightInGrams").EqualTo(210m).And.Property("LowStock").False);
        scenario.Expect(OutcomeKind.Created, Job("j1", grams: 20.001m, filament: "f2"));
        Assert.That(scenario.Farm.Stock(StockPolicy.Default).Single(), Has.Property("AvailableWeightInGrams").EqualTo(189.999m).And.Property("LowStock").True);
    }
}
