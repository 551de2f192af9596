using System.Diagnostics;

namespace Raft3D.Bench;

/// <summary>
/// Waiting on a cluster by polling with a deadline: for a leader, for a member to serve a linearizable read, and
/// the restart-to-serving time that the recovery row and the entity table both report, measured one way.
/// </summary>
internal sealed class ClusterWaits(IBenchTarget target, HttpClient http)
{
    public async Task<int> LeaderAsync(TimeSpan timeout)
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

        throw new InvalidOperationException($"{target.Name}: no leader after {timeout.TotalSeconds} s");
    }

    /// <summary>
    /// SIGKILL of member <paramref name="node"/>, then the time from its restart until it answers a linearizable
    /// read of <paramref name="key"/> with 200: start-up, loading its snapshot and log, and catching up with the leader.
    /// </summary>
    public async Task<double> RestartToServingMsAsync(int node, string key)
    {
        target.Kill(node);
        var restartedAt = Stopwatch.GetTimestamp();
        target.Restart(node);
        await ServesAsync(node, key, TimeSpan.FromSeconds(300));
        return Stopwatch.GetElapsedTime(restartedAt).TotalMilliseconds;
    }

    public async Task ServesAsync(int node, string key, TimeSpan timeout)
    {
        // Polled often: the time it takes is the restart-to-serving figure.
        if (!await UntilAcknowledgedAsync(() => Task.FromResult(target.Read(node, key)), timeout, TimeSpan.FromMilliseconds(10)))
        {
            throw new InvalidOperationException($"{target.Name}: member {node + 1} did not serve a linearizable read of {key} within {timeout.TotalSeconds} s");
        }
    }

    /// <summary>
    /// The cluster's entity count from its current leader, asked again while it answers 503 or not at all: a leader
    /// that has just been elected (or a machine this loaded) may not serve a linearizable read at once.
    /// </summary>
    public async Task<long> CountAsync()
    {
        var deadline = Stopwatch.GetTimestamp() + (60 * Stopwatch.Frequency);
        while (true)
        {
            try
            {
                return await target.CountAsync(await LeaderAsync(TimeSpan.FromSeconds(60)));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Writes <paramref name="key"/> through the leader until one write is acknowledged (an election may be under way).</summary>
    public async Task WriteAsync(string key, TimeSpan timeout)
    {
        if (!await UntilAcknowledgedAsync(async () => target.Write(await LeaderAsync(timeout), key), timeout, TimeSpan.FromMilliseconds(100)))
        {
            throw new InvalidOperationException($"{target.Name}: no write of {key} acknowledged within {timeout.TotalSeconds} s");
        }
    }

    /// <summary>Sends a fresh request every <paramref name="pause"/> until one is answered 2xx; false if none was in time.</summary>
    private async Task<bool> UntilAcknowledgedAsync(Func<Task<HttpRequestMessage>> request, TimeSpan timeout, TimeSpan pause)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            try
            {
                using var message = await request();
                using var response = await http.SendAsync(message);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Still starting, or the leader was lost meanwhile.
            }

            await Task.Delay(pause);
        }

        return false;
    }
}
