using System.Diagnostics;
using System.Globalization;

namespace Raft3D.Bench;

/// <summary>Every measurement of one system, in the order the table lists them.</summary>
internal sealed class Benchmark(IBenchTarget target, HttpClient http, BenchSettings settings, Action<string> log)
{
    private int written;

    public Dictionary<string, double> Results { get; } = [];

    public async Task RunAsync(bool failoverAndRecovery)
    {
        await target.StartAsync();
        var leader = await WaitForLeaderAsync(TimeSpan.FromSeconds(60)) ?? throw new InvalidOperationException($"{target.Name}: no leader after 60 s");
        var follower = (leader + 1) % target.Size;
        log($"{target.Name}: leader is member {leader + 1}");

        await LoadAsync("preload", 16, settings.Preload, i => target.Write(leader, PreloadKey(i)), record: false);
        // The same warm-up for every system, so that the first measured row does not pay for JIT compilation.
        await LoadAsync("warm-up", 16, 2_000, i => target.Read(follower, PreloadKey(i % settings.Preload)), record: false);
        await LoadAsync("warm-up-writes", 16, 3_000, i => target.Write(i % target.Size, Payload.Key("warm", i)), record: false);

        foreach (var c in BenchSettings.Concurrency)
        {
            await LoadAsync($"write_leader_c{c}", c, settings.RunRequests, i => target.Write(leader, Payload.Key($"wl{c}", i)));
            await LoadAsync($"write_follower_c{c}", c, settings.RunRequests, i => target.Write(follower, Payload.Key($"wf{c}", i)));
        }

        foreach (var c in BenchSettings.Concurrency)
        {
            await LoadAsync($"read_leader_c{c}", c, settings.RunRequests, i => target.Read(leader, PreloadKey(i % settings.Preload)));
            await LoadAsync($"read_follower_c{c}", c, settings.RunRequests, i => target.Read(follower, PreloadKey(i % settings.Preload)));
        }

        foreach (var c in BenchSettings.Concurrency)
        {
            // 90% reads, 10% writes, spread over all members.
            await LoadAsync($"mixed_c{c}", c, settings.RunRequests, i => i % 10 == 0
                ? target.Write(i % target.Size, Payload.Key($"mx{c}", i))
                : target.Read(i % target.Size, PreloadKey(i % settings.Preload)));
        }

        if (failoverAndRecovery)
        {
            await FailoverAsync();
            await RecoveryAsync();
        }
    }

    private static string PreloadKey(int i) => Payload.Key("pre", i);

    private async Task LoadAsync(string label, int concurrency, int requests, Func<int, HttpRequestMessage> request, bool record = true)
    {
        var result = await LoadRunner.RunAsync(http, concurrency, requests, record ? settings.RunTime : TimeSpan.FromMinutes(5), request);
        if (label.StartsWith("write", StringComparison.Ordinal) || label.StartsWith("warm-up-writes", StringComparison.Ordinal) || label == "preload")
        {
            written += result.Requests;
        }

        if (result.Errors > 0)
        {
            log($"{target.Name} {label}: {result.Errors} errors");
        }

        if (!record)
        {
            return;
        }

        Results[$"{label}_rps"] = result.Throughput;
        Results[$"{label}_p50"] = result.P50Ms;
        Results[$"{label}_p99"] = result.P99Ms;
        log(string.Create(CultureInfo.InvariantCulture, $"{target.Name} {label}: {result.Throughput:0} req/s, p50 {result.P50Ms:0.00} ms, p99 {result.P99Ms:0.00} ms ({result.Requests} ok, {result.Errors} errors)"));
    }

    private async Task FailoverAsync()
    {
        var samples = new List<double>();
        for (var trial = 0; trial < settings.FailoverTrials; trial++)
        {
            var leader = await WaitForLeaderAsync(TimeSpan.FromSeconds(60)) ?? throw new InvalidOperationException("no leader");
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
            await WaitUntilServesAsync(leader, TimeSpan.FromSeconds(60));
        }

        samples.Sort();
        Results["failover_median_ms"] = (samples[(samples.Count - 1) / 2] + samples[samples.Count / 2]) / 2;
        Results["failover_worst_ms"] = samples[^1];
        log(string.Create(CultureInfo.InvariantCulture, $"{target.Name} failover: {string.Join(", ", samples.Select(s => s.ToString("0", CultureInfo.InvariantCulture)))} ms"));
    }

    private async Task RecoveryAsync()
    {
        var leader = await WaitForLeaderAsync(TimeSpan.FromSeconds(60)) ?? throw new InvalidOperationException("no leader");
        var missing = Math.Max(0, settings.RecoveryEntities - written);
        log($"{target.Name}: writing {missing} more entities to reach {settings.RecoveryEntities}");
        var fill = await LoadRunner.RunAsync(http, 64, missing, TimeSpan.FromMinutes(5), i => target.Write(leader, Payload.Key("fill", i)));
        written += fill.Requests;

        Results["rss_max_mib"] = Enumerable.Range(0, target.Size).Max(target.ResidentMiB);
        var follower = (leader + 1) % target.Size;
        target.Kill(follower);
        var restartedAt = Stopwatch.GetTimestamp();
        target.Restart(follower);
        await WaitUntilServesAsync(follower, TimeSpan.FromSeconds(120));
        Results["recovery_ms"] = Stopwatch.GetElapsedTime(restartedAt).TotalMilliseconds;
        log(string.Create(CultureInfo.InvariantCulture, $"{target.Name}: {written} entities, RSS max {Results["rss_max_mib"]:0} MiB, restarted member serves linearizable reads after {Results["recovery_ms"]:0} ms"));
    }

    private async Task WaitUntilServesAsync(int node, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            try
            {
                using var request = target.Read(node, PreloadKey(0));
                using var response = await http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Still starting.
            }

            await Task.Delay(10);
        }

        throw new InvalidOperationException($"{target.Name}: member {node + 1} did not serve a linearizable read within {timeout.TotalSeconds} s");
    }

    private async Task<int?> WaitForLeaderAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (await target.LeaderAsync() is { } leader)
            {
                return leader;
            }

            await Task.Delay(100);
        }

        return null;
    }
}
