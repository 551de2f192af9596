using System.Net;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Observability;

[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class ReadinessTests
{
    [Test]
    public async Task Readiness_drops_to_503_when_a_node_loses_the_majority_and_returns_when_it_comes_back()
    {
        await using var cluster = await InProcessCluster.StartAsync();
        var leader = await cluster.WaitForLeaderAsync();
        var survivor = cluster.AFollower(leader);
        foreach (var node in cluster.Nodes)
        {
            await Eventually.HoldsAsync(async () => await ReadyAsync(cluster, node.Id) == HttpStatusCode.OK, TimeSpan.FromSeconds(10), $"{node.Id} to be ready");
        }

        var others = cluster.Nodes.Where(n => n.Id != survivor).Select(n => n.Id).ToList();
        foreach (var id in others)
        {
            await cluster.StopNodeAsync(id);
        }

        await Eventually.HoldsAsync(async () => await ReadyAsync(cluster, survivor) == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(10), "the isolated node to report not ready");
        using (var response = await cluster.Client(survivor).GetAsync("/readyz"))
        {
            var body = await response.JsonAsync();
            Assert.That(body.GetProperty("reason").GetString(), Does.Contain("No leader"));
        }

        using (var live = await cluster.Client(survivor).GetAsync("/healthz"))
        {
            await live.ExpectAsync(HttpStatusCode.OK, "liveness does not depend on the cluster");
        }

        foreach (var id in others)
        {
            await cluster.StartNodeAsync(id);
        }

        await Eventually.HoldsAsync(async () => await ReadyAsync(cluster, survivor) == HttpStatusCode.OK, TimeSpan.FromSeconds(20), "readiness to return once the majority is back");
    }

    private static async Task<HttpStatusCode> ReadyAsync(InProcessCluster cluster, string nodeId)
    {
        using var response = await cluster.Client(nodeId).GetAsync("/readyz");
        return response.StatusCode;
    }
}
