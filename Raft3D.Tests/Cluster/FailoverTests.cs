using System.Net;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Cluster;

/// <summary>Tests that stop and restart nodes get a cluster of their own.</summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class FailoverTests
{
    private InProcessCluster? cluster;

    [TearDown]
    public async Task StopCluster()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }

    [Test]
    public async Task Stopping_the_leader_elects_a_new_one_and_writes_continue_with_nothing_lost()
    {
        cluster = await InProcessCluster.StartAsync();
        var oldLeader = await cluster.WaitForLeaderAsync();
        var survivor = cluster.AFollower(oldLeader);
        // A freshly started cluster may still change leader once on a loaded machine: these creates retry a 503.
        await (await FarmApi.UntilAnsweredAsync(() => cluster.Client(survivor).CreatePrinterAsync("fo-p"))).ExpectAsync(HttpStatusCode.Created, "printer");
        await (await FarmApi.UntilAnsweredAsync(() => cluster.Client(survivor).CreateFilamentAsync("fo-f", 1000m))).ExpectAsync(HttpStatusCode.Created, "filament");
        for (var i = 0; i < 5; i++)
        {
            var job = $"fo-j{i}";
            await (await FarmApi.UntilAnsweredAsync(() => cluster.Client(survivor).CreateJobAsync(job, "fo-p", "fo-f", 50m))).ExpectAsync(HttpStatusCode.Created, $"job {i}");
        }

        await cluster.StopNodeAsync(oldLeader);
        var newLeader = await cluster.WaitForLeaderAsync();
        Assert.That(newLeader, Is.Not.EqualTo(oldLeader));

        // Writes go on through either survivor; a 503 during the election is allowed, a lost write is not.
        await Eventually.HoldsAsync(
            async () =>
            {
                using var response = await cluster.Client(survivor).CreateJobAsync("fo-after", "fo-p", "fo-f", 50m);
                return response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK;
            },
            TimeSpan.FromSeconds(15),
            "a write to succeed after failover");

        foreach (var node in cluster.Nodes.Where(n => cluster.IsRunning(n.Id)))
        {
            var jobs = await cluster.Client(node.Id).GetJsonAsync("/api/v1/print_jobs?filament_id=fo-f");
            Assert.That(jobs.GetArrayLength(), Is.EqualTo(6), $"{node.Id} should hold all five earlier jobs and the new one");
        }

        await cluster.StartNodeAsync(oldLeader);
        await Eventually.HoldsAsync(
            async () => (await cluster.Client(oldLeader).GetJsonAsync("/api/v1/print_jobs?filament_id=fo-f")).GetArrayLength() == 6,
            TimeSpan.FromSeconds(15),
            "the old leader to catch up after restarting");
    }

    [Test]
    public async Task A_restarted_node_recovers_its_state_from_snapshot_and_log()
    {
        cluster = await InProcessCluster.StartAsync(snapshotInterval: 5);
        var leader = await cluster.WaitForLeaderAsync();
        var follower = cluster.AFollower(leader);
        var client = cluster.Client(leader);
        await (await client.CreatePrinterAsync("rs-p")).ExpectAsync(HttpStatusCode.Created, "printer");
        await (await client.CreateFilamentAsync("rs-f", 1000m)).ExpectAsync(HttpStatusCode.Created, "filament");
        for (var i = 0; i < 12; i++)
        {
            await (await client.CreateJobAsync($"rs-j{i}", "rs-p", "rs-f", 10m)).ExpectAsync(HttpStatusCode.Created, $"job {i}");
        }

        await (await client.SetStatusAsync("rs-j0", "Running")).ExpectAsync(HttpStatusCode.OK, "running");
        await (await client.SetStatusAsync("rs-j0", "Done")).ExpectAsync(HttpStatusCode.OK, "done");
        var followerNode = cluster.Nodes.Single(n => n.Id == follower);
        await Eventually.HoldsAsync(
            () => Task.FromResult(Directory.EnumerateFiles(Path.Combine(followerNode.DataDirectory, "snapshots"), "*-*").Any()),
            TimeSpan.FromSeconds(10),
            "the follower to have written a snapshot");
        var before = await cluster.StatusAsync(leader);

        await cluster.StopNodeAsync(follower);
        await cluster.StartNodeAsync(follower);

        // Reading with consistency=local shows what the node recovered from its own disk.
        await Eventually.HoldsAsync(
            async () => (await cluster.StatusAsync(follower)).GetProperty("state_digest_index").GetInt64() >= before.GetProperty("state_digest_index").GetInt64(),
            TimeSpan.FromSeconds(15),
            "the restarted follower to reach the leader's applied index");
        var recovered = await cluster.StatusAsync(follower);
        var spool = await cluster.Client(follower).GetJsonAsync("/api/v1/filaments/rs-f?consistency=local");
        Assert.Multiple(() =>
        {
            Assert.That(recovered.GetProperty("state_digest").GetString(), Is.EqualTo(before.GetProperty("state_digest").GetString()));
            Assert.That(spool.GetProperty("remaining_weight_in_grams").GetDecimal(), Is.EqualTo(990m));
        });
    }

    [Test]
    public async Task Without_a_majority_writes_and_linearizable_reads_get_503_and_local_reads_still_answer()
    {
        cluster = await InProcessCluster.StartAsync();
        var leader = await cluster.WaitForLeaderAsync();
        await (await cluster.Client(leader).CreatePrinterAsync("q-p")).ExpectAsync(HttpStatusCode.Created, "printer");
        var survivor = cluster.AFollower(leader);

        // A local read may lag the leader by a heartbeat; wait until the survivor has applied the printer.
        await Eventually.HoldsAsync(
            async () =>
            {
                using var seen = await cluster.Client(survivor).GetAsync("/api/v1/printers/q-p?consistency=local");
                return seen.StatusCode == HttpStatusCode.OK;
            },
            TimeSpan.FromSeconds(10),
            "the survivor to apply the printer");
        foreach (var node in cluster.Nodes.Where(n => n.Id != survivor).ToList())
        {
            await cluster.StopNodeAsync(node.Id);
        }

        using var write = await cluster.Client(survivor).CreatePrinterAsync("q-lost");
        using var read = await cluster.Client(survivor).GetAsync("/api/v1/printers");
        using var local = await cluster.Client(survivor).GetAsync("/api/v1/printers/q-p?consistency=local");
        Assert.Multiple(async () =>
        {
            Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(await write.ProblemCodeAsync(), Is.AnyOf("no_leader", "leader_unreachable", "commit_timeout"));
            Assert.That(write.Headers.RetryAfter, Is.Not.Null);
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(local.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }
}
