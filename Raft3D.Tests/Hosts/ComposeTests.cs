using System.Diagnostics;
using Raft3D.Tests.Faults;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Hosts;

/// <summary>
/// The repository's compose.yaml on a real container engine: the image built from the Dockerfile, three
/// containers named by service, the seeds' flow through every published port, and containers killed, stopped,
/// started, recreated and restarted one by one under load, with the history checker at the end.
/// </summary>
[TestFixture]
[Category("Hosts")]
[NonParallelizable]
public sealed class ComposeTests
{
    /// <summary>The upper election timeout compose.yaml gives its members (longer than the loopback default).</summary>
    private static readonly TimeSpan ElectionTimeout = ComposeFile.UpperElectionTimeout();

    [Test]
    public async Task The_compose_cluster_serves_every_node_loses_nothing_when_its_leader_container_is_killed_or_stopped_and_tears_down_clean()
    {
        var engine = await ContainerEngine.RequireAsync();
        var cluster = await ComposeCluster.UpAsync(engine);
        await using (cluster)
        {
            foreach (var node in cluster.Nodes)
            {
                await SeedFlow.RunAsync(cluster.Client(node.Id), prefix: $"{node.Id}-");
            }

            using var workload = new FarmWorkload(cluster.Nodes);
            await workload.StartAsync();

            var killed = await cluster.WaitForLeaderAsync();
            await cluster.KillAsync(killed);
            var afterKill = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30));
            await workload.AcknowledgedAtLeastAsync(workload.AcknowledgedCreates + 20, "writes to go on without the killed leader's container", 40);
            await cluster.StartAsync(killed);
            await CaughtUpAsync(cluster, killed);

            var stopped = await WaitForSteadyLeaderAsync(cluster);
            var stopping = Stopwatch.StartNew();
            await cluster.StopAsync(stopped);
            var stopTook = stopping.Elapsed;
            var afterStop = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30));
            await workload.AcknowledgedAtLeastAsync(workload.AcknowledgedCreates + 20, "writes to go on without the stopped leader's container", 40);
            await cluster.StartAsync(stopped);
            await CaughtUpAsync(cluster, stopped);

            await workload.StopAsync();
            await FaultVerification.VerifyAsync(cluster, workload);
            var logs = await cluster.LogsOfAsync(stopped);
            TestContext.Out.WriteLine($"killed leader {killed} -> {afterKill}; stopped leader {stopped} -> {afterStop}, docker stop took {stopTook.TotalMilliseconds:F0} ms");
            Assert.Multiple(() =>
            {
                Assert.That(afterKill, Is.Not.EqualTo(killed));
                Assert.That(afterStop, Is.Not.EqualTo(stopped));
                Assert.That(logs, Does.Contain("Shutting down as leader: stepping down").And.Contain("Stepped down in"), "the stopped leader should step down on SIGTERM");
                Assert.That(stopTook, Is.LessThan(TimeSpan.FromSeconds(10)), "SIGTERM should end the node well before the engine's SIGKILL");
            });

            await cluster.DownAsync();
            Assert.That(await cluster.LeftoversAsync(), Is.Empty, "compose down -v should remove the containers, the network and the volumes");
        }
    }

    [Test]
    public async Task A_container_recreated_with_another_address_keeps_its_identity_and_data()
    {
        var engine = await ContainerEngine.RequireAsync();
        await using var cluster = await ComposeCluster.UpAsync(engine);
        var leader = await cluster.WaitForLeaderAsync();
        var moved = cluster.Nodes.First(n => n.Id != leader).Id;
        await SeedFlow.RunAsync(cluster.Client(leader), prefix: "before-");
        await CaughtUpAsync(cluster, moved);

        var oldAddress = await cluster.AddressOfAsync(moved);
        await cluster.StopAsync(moved);
        await cluster.OccupyAddressAsync(oldAddress);
        await cluster.RecreateAsync(moved);
        var newAddress = await cluster.AddressOfAsync(moved);
        await SeedFlow.RunAsync(cluster.Client(moved), prefix: "after-");
        await CaughtUpAsync(cluster, moved);

        var status = await cluster.StatusAsync(moved);
        var printers = await cluster.Client(moved).GetJsonAsync(FarmApi.Local("/api/v1/printers"));
        TestContext.Out.WriteLine($"{moved}: {oldAddress} -> {newAddress}");
        Assert.Multiple(() =>
        {
            Assert.That(newAddress, Is.Not.EqualTo(oldAddress), "the placeholder holds the old address");
            Assert.That(status.GetProperty("leader_id").GetString(), Is.Not.Null, $"{moved} should follow a leader from its new address");
            Assert.That(printers.EnumerateArray().Select(p => p.GetProperty("id").GetString()), Is.SupersetOf(new[] { "before-p1", "after-p1" }), "its volume's data and the new writes");
        });
    }

    [Test]
    public async Task A_rolling_restart_under_steady_writes_loses_nothing_and_answers_every_write_within_two_elections_and_a_retry()
    {
        var engine = await ContainerEngine.RequireAsync();
        await using var cluster = await ComposeCluster.UpAsync(engine);
        using var workload = new FarmWorkload(cluster.Nodes);
        await workload.StartAsync();
        using var writer = new SteadyWriter(cluster.Nodes);
        writer.Start();

        foreach (var node in cluster.Nodes)
        {
            var role = (await cluster.StatusAsync(node.Id)).GetProperty("role").GetString();
            await cluster.StopAsync(node.Id);
            await cluster.StartAsync(node.Id);
            await CaughtUpAsync(cluster, node.Id);
            TestContext.Out.WriteLine($"restarted {node.Id} ({role}); {writer.Writes.Count} steady writes so far");
        }

        await writer.StopAsync();
        await workload.StopAsync();
        await FaultVerification.VerifyAsync(cluster, workload);

        var writes = writer.Writes;
        var slowest = writes.MaxBy(w => w.Took) ?? throw new AssertionException("the steady writer had no write acknowledged");
        var printers = (await cluster.Client(await cluster.WaitForLeaderAsync()).GetJsonAsync("/api/v1/printers")).EnumerateArray().Select(p => p.GetProperty("id").GetString()).ToHashSet();

        // Two elections: the one after the leader stops, and one more, since on a 2-core host a member's start-up
        // can starve the other two into a needless election or a split vote (the slowest write of ~40 local runs
        // took 3.3 s; a CI run failed here with a restarted member over 2.3 s without a leader). Then a node's wait
        // for a leader before it answers 503 (ElectionGrace, two election timeouts), and one attempt on a down node.
        var allowed = (2 * ElectionTimeout) + (2 * ElectionTimeout) + SteadyWriter.AttemptTimeout;
        TestContext.Out.WriteLine($"rolling restart: {writes.Count} steady writes, median {Median(writes)} ms, slowest {slowest.Took.TotalMilliseconds:F0} ms ({slowest.Attempts} attempts), allowed {allowed.TotalMilliseconds:F0} ms");
        foreach (var slow in writes.OrderByDescending(w => w.Took).Take(3))
        {
            // The slowest writes' trails on every run, not only a failing one: what a near miss waited for.
            TestContext.Out.WriteLine($"{slow.Id} took {slow.Took.TotalMilliseconds:F0} ms:\n  {string.Join("\n  ", slow.Failures)}");
        }

        Assert.Multiple(() =>
        {
            Assert.That(writes.Select(w => w.Id).Where(id => !printers.Contains(id)), Is.Empty, "acknowledged steady writes missing after the restarts");
            Assert.That(slowest.Took, Is.LessThan(allowed), $"write {slowest.Id} took {slowest.Took.TotalMilliseconds:F0} ms over {slowest.Attempts} attempts:\n{string.Join('\n', slowest.Failures)}");
        });
    }

    private static string Median(IReadOnlyList<SteadyWrite> writes)
        => writes.Select(w => w.Took.TotalMilliseconds).Order().ElementAt(writes.Count / 2).ToString("F0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The leader once every running node has named it in the same term for two election timeouts: the member
    /// restarted just before still compiles its start-up code, which on 2 cores can set off an election, and a
    /// leader picked in that moment may be a follower by the time SIGTERM reaches it (no step-down to check).
    /// </summary>
    private static async Task<string> WaitForSteadyLeaderAsync(ComposeCluster cluster)
    {
        var steadyFor = 2 * ElectionTimeout;
        var seen = (Leader: string.Empty, Term: -1L, Since: Stopwatch.GetTimestamp());
        return await Eventually.ReturnsAsync(
            async () =>
            {
                var leader = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30));
                var term = (await cluster.StatusAsync(leader)).GetProperty("term").GetInt64();
                if (leader != seen.Leader || term != seen.Term)
                {
                    seen = (leader, term, Stopwatch.GetTimestamp());
                }

                return Stopwatch.GetElapsedTime(seen.Since) >= steadyFor ? leader : null;
            },
            TimeSpan.FromSeconds(60),
            $"one leader in one term for {steadyFor.TotalSeconds} s");
    }

    /// <summary>Waits until <paramref name="nodeId"/> has applied everything the leader had committed when the wait began.</summary>
    private static async Task CaughtUpAsync(ComposeCluster cluster, string nodeId)
    {
        var leader = await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(30));
        var target = (await cluster.StatusAsync(leader)).GetProperty("commit_index").GetInt64();
        await Eventually.HoldsAsync(
            async () => (await cluster.StatusAsync(nodeId)).GetProperty("state_digest_index").GetInt64() >= target,
            TimeSpan.FromSeconds(60),
            $"{nodeId} to apply up to index {target}");
    }
}
