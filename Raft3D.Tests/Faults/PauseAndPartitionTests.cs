using System.Diagnostics;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Faults;

/// <summary>A frozen leader and a leader cut off by the firewall: replaced, stepped down, no split brain.</summary>
[TestFixture]
[Category("Faults")]
[NonParallelizable]
public sealed class PauseAndPartitionTests
{
    [Test]
    public async Task A_paused_leader_is_replaced_steps_down_when_resumed_and_nothing_it_accepted_alone_is_visible()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        using var workload = new FarmWorkload(cluster.Nodes);
        await workload.StartAsync();

        var leader = await cluster.WaitForLeaderAsync();
        var oldTerm = (await cluster.StatusAsync(leader)).GetProperty("term").GetInt64();
        var pausedAt = Stopwatch.GetTimestamp();
        cluster.Pause(leader);
        var others = cluster.Nodes.Where(n => n.Id != leader).Select(n => n.Id).ToList();
        var newLeader = await Eventually.ReturnsAsync(
            async () => (await cluster.StatusAsync(others[0])).GetProperty("leader_id").GetString() is { } id && id != leader ? id : null,
            TimeSpan.FromSeconds(20),
            "the others to elect a new leader while the old one is frozen");
        var before = workload.AcknowledgedCreates;
        await workload.AcknowledgedAtLeastAsync(before + 20, "writes to go on without the frozen leader", 40);

        cluster.Resume(leader);
        await Eventually.HoldsAsync(
            async () => (await cluster.StatusAsync(leader)).GetProperty("role").GetString() == "follower",
            TimeSpan.FromSeconds(20),
            "the resumed old leader to step down");
        await workload.AcknowledgedAtLeastAsync(before + 40, "writes to go on after the resume", 40);
        await workload.StopAsync();

        var acceptedAlone = workload.History.Where(o =>
            o is { Kind: OperationKind.Create, Result: OperationResult.Ok } && o.Node == leader && o.Term == oldTerm && o.Start > pausedAt).ToList();
        Assert.That(acceptedAlone, Is.Empty, "the frozen leader acknowledged writes in its old term after it was frozen");
        Assert.That(newLeader, Is.Not.EqualTo(leader));
        await FaultVerification.VerifyAsync(cluster, workload);
    }

    [Test]
    public async Task A_leader_cut_off_by_the_firewall_commits_nothing_steps_down_and_converges_after_healing()
    {
        if (!Firewall.IsAvailable(out var why))
        {
            Assert.Ignore($"iptables cannot be used here ({why}); .ci/run installs it and runs as root.");
        }

        await using var cluster = await ProcessCluster.StartAsync(distinctHosts: true);
        using var workload = new FarmWorkload(cluster.Nodes);
        await workload.StartAsync();

        var leader = await cluster.WaitForLeaderAsync();
        var isolated = cluster.Node(leader);
        var peers = cluster.Nodes.Where(n => n.Id != leader).ToList();
        using (var partition = Firewall.Isolate(isolated.Host, peers.Select(p => p.Host)))
        {
            var newLeader = await Eventually.ReturnsAsync(
                async () => (await cluster.StatusAsync(peers[0].Id)).GetProperty("leader_id").GetString() is { } id && id != leader ? id : null,
                TimeSpan.FromSeconds(20),
                "the majority to elect a new leader");
            await Eventually.HoldsAsync(
                async () => (await cluster.StatusAsync(leader)).GetProperty("role").GetString() == "follower",
                TimeSpan.FromSeconds(20),
                "the isolated leader to step down");
            var before = workload.AcknowledgedCreates;
            await workload.AcknowledgedAtLeastAsync(before + 30, "the majority to go on acknowledging writes", 30);
            using (var ready = await cluster.Client(leader).GetAsync("/readyz"))
            {
                Assert.That(ready.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.ServiceUnavailable), "the cut-off node must not report ready");
            }

            var isolatedCommit = (await cluster.StatusAsync(leader)).GetProperty("commit_index").GetInt64();
            var majorityCommit = (await cluster.StatusAsync(newLeader)).GetProperty("commit_index").GetInt64();
            Assert.That(isolatedCommit, Is.LessThan(majorityCommit), "the isolated node must not advance with the majority");
        }

        await cluster.WaitForLeaderAsync();
        await Eventually.HoldsAsync(
            async () => (await cluster.Client(leader).GetAsync("/readyz")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(20),
            "the healed node to report ready again");
        await workload.StopAsync();
        await FaultVerification.VerifyAsync(cluster, workload);
    }
}
