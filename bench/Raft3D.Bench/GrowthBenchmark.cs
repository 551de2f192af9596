using System.Globalization;

namespace Raft3D.Bench;

/// <summary>
/// Sustained growth and warm-up: a fresh cluster, and from the moment it has a leader, back-to-back wrk windows of
/// 64 clients creating entities on the leader until the cluster holds the growth target.
/// </summary>
internal sealed class GrowthBenchmark(IBenchTarget target, HttpClient http, WrkRunner wrk, BenchSettings settings, Action<string> log)
{
    private const int Clients = 64;

    private readonly ClusterWaits waits = new(target, http);
    private int window;

    public async Task<GrowthResult> RunAsync()
    {
        await target.StartAsync();
        await waits.LeaderAsync(TimeSpan.FromSeconds(60));
        // No warm-up, no preload, not even a count on purpose: the first window is the warm-up measure.
        var windows = await GrowAsync(0, settings.GrowthEntities, settings.MinWindows);
        var entities = await waits.CountAsync();
        var resident = Enumerable.Range(0, target.Size).Select(target.ResidentMiB).ToArray();
        var result = new GrowthResult(windows, entities, resident, []);
        log(string.Create(CultureInfo.InvariantCulture, $"{target.Name} growth: {entities} entities; warm-up {result.WarmUpRatio:0.00}, last/best {result.GrowthRatio:0.00}; RSS {string.Join(" / ", resident.Select(r => r.ToString("0", CultureInfo.InvariantCulture)))} MiB"));
        return result;
    }

    /// <summary>More windows, until the cluster holds <paramref name="entities"/>.</summary>
    public async Task<IReadOnlyList<double>> GrowAsync(long entities) => await GrowAsync(await waits.CountAsync(), entities, 1);

    /// <summary>
    /// Windows until the cluster holds <paramref name="entities"/> and at least <paramref name="minWindows"/> ran,
    /// counting from <paramref name="held"/> with wrk's acknowledged writes (each creates one entity).
    /// </summary>
    private async Task<IReadOnlyList<double>> GrowAsync(long held, long entities, int minWindows)
    {
        var windows = new List<double>();
        while (held < entities || windows.Count < minWindows)
        {
            // Asked every window: a leader change under load must not send the next window to a follower unnoticed.
            var leader = await waits.LeaderAsync(TimeSpan.FromSeconds(60));
            var result = await wrk.RunAsync(target, leader, WrkMode.Write, $"g{++window}", Clients, settings.WindowTime, 1);
            windows.Add(result.Throughput);
            held += result.Requests;
            log(string.Create(CultureInfo.InvariantCulture, $"{target.Name} window {window}: {result.Throughput:0} writes/s, p99 {result.P99Ms:0.0} ms, ~{held} entities ({result.Errors} errors)"));
        }

        return windows;
    }
}
