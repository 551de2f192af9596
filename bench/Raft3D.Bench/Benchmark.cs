using System.Diagnostics;
using System.Globalization;

namespace Raft3D.Bench;

/// <summary>
/// The comparison rows of one system, in the order the table lists them: throughput and latency from wrk, then
/// failover and recovery, which need a generator that kills and restarts members between requests.
/// </summary>
internal sealed class Benchmark(IBenchTarget target, HttpClient http, WrkRunner wrk, BenchSettings settings, Action<string> log)
{
    private readonly ClusterWaits waits = new(target, http);

    public Dictionary<string, double> Results { get; } = [];

    public async Task RunAsync(bool failoverAndRecovery)
    {
        await target.StartAsync();
        var leader = await waits.LeaderAsync(TimeSpan.FromSeconds(60));
        var follower = (leader + 1) % target.Size;
        log($"{target.Name}: leader is member {leader + 1}");

        await PreloadAsync(leader);

        // The same warm-up for every system, so that the first measured row does not pay for JIT compilation: reads
        // and writes on every member (a follower's writes take the forwarding path).
        for (var node = 0; node < target.Size; node++)
        {
            await wrk.RunAsync(target, node, WrkMode.Mixed, $"warm{node}", 16, settings.RowTime / 2, settings.Preload);
        }

        foreach (var c in BenchSettings.Concurrency)
        {
            await RowAsync($"write_leader_c{c}", leader, WrkMode.Write, c);
            await RowAsync($"write_follower_c{c}", follower, WrkMode.Write, c);
        }

        await CrossCheckAsync(leader);

        foreach (var c in BenchSettings.Concurrency)
        {
            await RowAsync($"read_leader_c{c}", leader, WrkMode.Read, c);
            await RowAsync($"read_follower_c{c}", follower, WrkMode.Read, c);
        }

        foreach (var c in BenchSettings.MixedConcurrency)
        {
            await MixedAsync(c);
        }

        if (failoverAndRecovery)
        {
            await FailoverAsync();
            await RecoveryAsync();
        }
    }

    private static string PreloadKey(int i) => Payload.Key("pre", i);

    /// <summary>
    /// The ids the read rows ask for, by the own generator because wrk cannot write an exact list. A new cluster may
    /// refuse a few in its first moments; the whole list goes again (a replay on Raft3D, an overwrite on etcd) until
    /// one round has no failure, so that no read row counts a 404 or an empty range.
    /// </summary>
    private async Task PreloadAsync(int leader)
    {
        for (var round = 0; round < 10; round++)
        {
            var preload = await LoadRunner.RunAsync(http, 16, settings.Preload, TimeSpan.FromMinutes(5), i => target.Write(leader, PreloadKey(i)));
            if (preload.Errors == 0)
            {
                return;
            }

            log($"{target.Name}: {preload.Errors} of the {settings.Preload} preload writes failed; writing them all again");
            await Task.Delay(500);
        }

        throw new InvalidOperationException($"{target.Name}: preload writes still failing after 10 rounds");
    }

    private async Task RowAsync(string label, int node, WrkMode mode, int connections)
    {
        var result = await wrk.RunAsync(target, node, mode, label, connections, settings.RowTime, settings.Preload);
        Results[$"{label}_rps"] = result.Throughput;
        Results[$"{label}_p50"] = result.P50Ms;
        Results[$"{label}_p99"] = result.P99Ms;
        Results[$"{label}_p999"] = result.P999Ms;
        log(string.Create(CultureInfo.InvariantCulture, $"{target.Name} {label}: {result.Throughput:0} req/s, p50 {result.P50Ms:0.00} ms, p99 {result.P99Ms:0.00} ms, p99.9 {result.P999Ms:0.00} ms ({result.Requests} ok, {result.Errors} errors)"));
    }

    /// <summary>
    /// The row the issue found the own generator and an outside one disagreeing on, run by the own generator too:
    /// printed beside wrk's figure, it shows how far the old table's method was off on this machine today.
    /// </summary>
    private async Task CrossCheckAsync(int leader)
    {
        var own = await LoadRunner.RunAsync(http, 64, 2_000_000, settings.RowTime, i => target.Write(leader, Payload.Key("own64", i)));
        Results["own_write_leader_c64_rps"] = own.Throughput;
        log(string.Create(CultureInfo.InvariantCulture, $"{target.Name} own generator, writes to the leader at 64: {own.Throughput:0} req/s, {own.Throughput / Results["write_leader_c64_rps"]:0.00}× wrk's ({own.Errors} errors)"));
    }

    /// <summary>90% reads, 10% writes on every member at once: one wrk per member, the clients shared out among them.</summary>
    private async Task MixedAsync(int connections)
    {
        var label = $"mixed_c{connections}";
        var runs = Enumerable.Range(0, target.Size)
            .Select(node => wrk.RunAsync(target, node, WrkMode.Mixed, $"{label}m{node}", (connections / target.Size) + (node < connections % target.Size ? 1 : 0), settings.RowTime, settings.Preload));
        var results = await Task.WhenAll(runs);
        var throughput = results.Sum(r => r.Throughput);
        Results[$"{label}_rps"] = throughput;
        log(string.Create(CultureInfo.InvariantCulture, $"{target.Name} {label}: {throughput:0} req/s over {target.Size} members ({string.Join(" + ", results.Select(r => r.Throughput.ToString("0", CultureInfo.InvariantCulture)))}; {results.Sum(r => r.Errors)} errors)"));
    }

    private async Task FailoverAsync()
    {
        var samples = new List<double>();
        for (var trial = 0; trial < settings.FailoverTrials; trial++)
        {
            var leader = await waits.LeaderAsync(TimeSpan.FromSeconds(60));
            var survivors = Enumerable.Range(0, target.Size).Where(i => i != leader).ToArray();
            var killedAt = Stopwatch.GetTimestamp();
            target.Kill(leader);
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    using var request = target.Write(survivors[attempt % survivors.Length], Payload.Key($"fo{trial}", attempt));
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    using var response = await http.SendAsync(request, timeout.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // Still failing over.
                }

                if (Stopwatch.GetElapsedTime(killedAt) > TimeSpan.FromSeconds(60))
                {
                    throw new InvalidOperationException($"{target.Name}: no write acknowledged 60 s after killing the leader");
                }

                await Task.Delay(5);
            }

            samples.Add(Stopwatch.GetElapsedTime(killedAt).TotalMilliseconds);
            target.Restart(leader);
            await waits.ServesAsync(leader, PreloadKey(0), TimeSpan.FromSeconds(60));
        }

        samples.Sort();
        Results["failover_median_ms"] = (samples[(samples.Count - 1) / 2] + samples[samples.Count / 2]) / 2;
        Results["failover_worst_ms"] = samples[^1];
        log(string.Create(CultureInfo.InvariantCulture, $"{target.Name} failover: {string.Join(", ", samples.Select(s => s.ToString("0", CultureInfo.InvariantCulture)))} ms"));
    }

    private async Task RecoveryAsync()
    {
        var leader = await waits.LeaderAsync(TimeSpan.FromSeconds(60));
        var missing = (int)Math.Max(0, settings.RecoveryEntities - await waits.CountAsync());
        log($"{target.Name}: writing {missing} more entities to reach {settings.RecoveryEntities}");
        await LoadRunner.RunAsync(http, 64, missing, TimeSpan.FromMinutes(5), i => target.Write(leader, Payload.Key("fill", i)));
        var entities = await waits.CountAsync();

        Results["rss_max_mib"] = Enumerable.Range(0, target.Size).Max(target.ResidentMiB);
        Results["recovery_ms"] = await waits.RestartToServingMsAsync((leader + 1) % target.Size, PreloadKey(0));
        log(string.Create(CultureInfo.InvariantCulture, $"{target.Name}: {entities} entities, RSS max {Results["rss_max_mib"]:0} MiB, restarted member serves linearizable reads after {Results["recovery_ms"]:0} ms"));
    }
}
