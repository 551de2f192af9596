using System.Net.Http.Json;
using System.Text.Json;

namespace Raft3D.Tests.Infrastructure;

/// <summary>Polling, with a deadline, for what every cluster test waits on: one leader, one state.</summary>
internal static class FarmClusterWaits
{
    /// <summary>Waits until every running node agrees on one running leader, and returns its id.</summary>
    public static async Task<string> WaitForLeaderAsync(this IFarmCluster cluster, TimeSpan? timeout = null)
        => await Eventually.ReturnsAsync(
            async () =>
            {
                var leaders = new HashSet<string?>();
                foreach (var id in cluster.RunningIds)
                {
                    leaders.Add((await cluster.StatusAsync(id)).GetProperty("leader_id").GetString());
                }

                return leaders.Count == 1 && leaders.Single() is { } leader && cluster.RunningIds.Contains(leader) ? leader : null;
            },
            timeout ?? TimeSpan.FromSeconds(60),
            "all running nodes to agree on a running leader");

    public static async Task<JsonElement> StatusAsync(this IFarmCluster cluster, string nodeId)
        => await cluster.Client(nodeId).GetFromJsonAsync<JsonElement>("/cluster/status", InProcessCluster.Json);

    /// <summary>Waits until all running nodes report the same state digest at the same applied index.</summary>
    public static async Task WaitForConvergenceAsync(this IFarmCluster cluster, TimeSpan timeout)
    {
        var seen = "nothing";
        try
        {
            await Eventually.HoldsAsync(
                async () =>
                {
                    var statuses = await Task.WhenAll(cluster.RunningIds.Select(async id => (id, status: await cluster.StatusAsync(id))));
                    var views = statuses.Select(s => (s.id, digest: s.status.GetProperty("state_digest").GetString(), index: s.status.GetProperty("state_digest_index").GetInt64(), commit: s.status.GetProperty("commit_index").GetInt64(), leader: s.status.GetProperty("leader_id").GetString())).ToList();
                    seen = string.Join("; ", views);
                    return views.Select(v => (v.digest, v.index)).Distinct().Count() == 1;
                },
                timeout,
                "every running node to report the same state digest at the same index");
        }
        catch (AssertionException)
        {
            Assert.Fail($"Nodes did not converge within {timeout.TotalSeconds} s; last seen: {seen}");
        }
    }
}
