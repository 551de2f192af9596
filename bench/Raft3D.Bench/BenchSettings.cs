using System.Globalization;

namespace Raft3D.Bench;

/// <summary>Budgets for one bench run; <c>--quick</c> shrinks them for a smoke test.</summary>
/// <param name="RowTime">How long wrk runs for each throughput row.</param>
/// <param name="WindowTime">One window of the sustained-growth run (and of the event-stream runs).</param>
/// <param name="GrowthEntities">Windows follow each other until the cluster holds this many entities.</param>
/// <param name="MinWindows">At least this many windows, so that "last vs best" compares a run of windows.</param>
/// <param name="TableEntities">The entity table's points below <paramref name="GrowthEntities"/>, filled on a fresh cluster.</param>
/// <param name="LargestEntities">After its line at <paramref name="GrowthEntities"/>, Raft3D's growth run goes on to this one.</param>
/// <param name="RunRequests">Request budget of one event-stream run (the own generator needs one).</param>
/// <param name="Preload">Ids written before the rows, which the read rows cycle through.</param>
/// <param name="RecoveryEntities">Entities a restarted member must catch up with in the recovery row.</param>
internal sealed record BenchSettings(
    TimeSpan RowTime,
    TimeSpan WindowTime,
    int GrowthEntities,
    int MinWindows,
    int[] TableEntities,
    int LargestEntities,
    int RunRequests,
    int Preload,
    int FailoverTrials,
    int RecoveryEntities)
{
    public static readonly int[] Concurrency = [1, 16, 64];

    /// <summary>Mixed load runs one wrk per member, so its smallest step is one client on each of the three.</summary>
    public static readonly int[] MixedConcurrency = [3, 16, 64];

    /// <summary>
    /// Added to every port the bench listens on (RAFT3D_BENCH_PORT_OFFSET), so that two checkouts can run the bench
    /// on one machine without one run's members answering the other's load.
    /// </summary>
    public static int PortOffset { get; } = int.TryParse(Environment.GetEnvironmentVariable("RAFT3D_BENCH_PORT_OFFSET"), CultureInfo.InvariantCulture, out var offset) ? offset : 0;

    public static BenchSettings Full => new(TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(8), 500_000, 6, [10_000, 100_000], 1_000_000, 60_000, 1_000, 10, 100_000);

    public static BenchSettings Quick => new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), 10_000, 4, [1_000, 5_000], 20_000, 5_000, 200, 2, 5_000);
}
