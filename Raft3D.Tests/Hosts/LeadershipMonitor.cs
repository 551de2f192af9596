using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Hosts;

/// <summary>
/// Asks every node for its /cluster/status about ten times a second in the background and keeps the answers, so a
/// test can tell who led which term from when to when through a fault, and check that no term had two leaders.
/// </summary>
internal sealed class LeadershipMonitor : IAsyncDisposable
{
    private readonly ConcurrentQueue<StatusSample> samples = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Task polling;

    private LeadershipMonitor(ProcessCluster cluster)
    {
        polling = Task.Run(() => PollAsync(cluster, stop.Token));
    }

    public IReadOnlyList<StatusSample> Samples => [.. samples];

    public static LeadershipMonitor Start(ProcessCluster cluster) => new(cluster);

    /// <summary>Terms in which two nodes said they led: Raft's election safety forbids it, whatever the fault.</summary>
    public IReadOnlyList<string> TermsWithTwoLeaders()
        => [.. Samples.Where(s => s.Leads).GroupBy(s => s.Term)
            .Where(term => term.Select(s => s.Node).Distinct().Count() > 1)
            .Select(term => $"term {term.Key}: {string.Join(", ", term.Select(s => s.Node).Distinct())}")];

    /// <summary>Who led which term, first and last seen leading, in seconds from <paramref name="origin"/> (a Stopwatch timestamp).</summary>
    public string Reigns(long origin)
        => string.Join("; ", Samples.Where(s => s.Leads).GroupBy(s => (s.Node, s.Term)).OrderBy(reign => reign.Min(s => s.At))
            .Select(reign => string.Create(CultureInfo.InvariantCulture, $"{reign.Key.Node} led term {reign.Key.Term} from {Seconds(origin, reign.Min(s => s.At)):0.0} s to {Seconds(origin, reign.Max(s => s.At)):0.0} s")));

    /// <summary>When each node's term changed, in seconds from <paramref name="origin"/>: a term that climbs while cut off shows an election it ran or heard of.</summary>
    public string TermChanges(long origin)
        => string.Join("; ", Samples.GroupBy(s => s.Node).OrderBy(node => node.Key).Select(node =>
        {
            var ordered = node.OrderBy(s => s.At).ToList();
            var changes = ordered.Where((s, i) => i == 0 || s.Term != ordered[i - 1].Term);
            return $"{node.Key}: " + string.Join(", ", changes.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Term} at {Seconds(origin, s.At):0.0} s")));
        }));

    /// <summary>Stops polling; the samples so far stay.</summary>
    public async Task StopAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await stop.CancelAsync();
        }

        await polling;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stop.Dispose();
    }

    private static double Seconds(long origin, long at) => Stopwatch.GetElapsedTime(origin, at).TotalSeconds;

    private async Task PollAsync(ProcessCluster cluster, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            await Task.WhenAll(cluster.RunningIds.Select(id => SampleAsync(cluster, id)));
            try
            {
                await Task.Delay(100, token);
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }
    }

    private async Task SampleAsync(ProcessCluster cluster, string id)
    {
        try
        {
            var status = await cluster.StatusAsync(id);
            samples.Enqueue(new StatusSample(
                Stopwatch.GetTimestamp(),
                id,
                status.GetProperty("role").GetString() == "leader",
                status.GetProperty("term").GetInt64(),
                status.GetProperty("leader_id").GetString(),
                status.GetProperty("commit_index").GetInt64()));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // A node that does not answer says nothing about who leads.
        }
    }
}
