using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Raft3D.Node.Store;
using Raft3D.Node.Store.Consensus;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Cluster;

/// <summary>
/// A node that is stopping drops its connections to its peers; that is not a member leaving the configuration,
/// and must not be told (logged, streamed to dashboards) as one. A member really removed still is.
/// </summary>
[TestFixture]
[Category("Integration")]
public sealed class ShutdownMembershipTests
{
    [Test]
    public async Task A_node_that_stops_reports_no_member_leaving()
    {
        await using var cluster = await InProcessCluster.StartAsync();
        var leader = await cluster.WaitForLeaderAsync();
        var stopping = cluster.AFollower(leader);
        var seen = MembershipRecord.Of(cluster, stopping);

        await cluster.StopNodeAsync(stopping);

        Assert.That(seen.Changes.Where(change => !change.Joined), Is.Empty, "membership events raised while the node stopped");
    }

    /// <summary>The control for the test above: the events it expects to be absent do reach observers when they are true.</summary>
    [Test]
    public async Task A_member_removed_from_a_running_cluster_is_reported_as_leaving()
    {
        await using var cluster = await InProcessCluster.StartAsync();
        var leader = await cluster.WaitForLeaderAsync();
        var removed = cluster.AFollower(leader);
        var seen = MembershipRecord.Of(cluster, leader);

        using var response = await cluster.Client(leader).DeleteAsync($"/cluster/members/{removed}");
        await response.ExpectAsync(HttpStatusCode.OK, "remove a follower");

        await Eventually.HoldsAsync(
            () => Task.FromResult(seen.Changes.Any(change => !change.Joined)),
            TimeSpan.FromSeconds(20),
            "the leader to report the removed member as gone");
    }

    /// <summary>What one node's <see cref="RaftEvents"/> told its observers about membership.</summary>
    private sealed class MembershipRecord
    {
        private readonly List<MembershipEvent> changes = [];

        public IReadOnlyList<MembershipEvent> Changes
        {
            get
            {
                lock (changes)
                {
                    return [.. changes];
                }
            }
        }

        public static MembershipRecord Of(InProcessCluster cluster, string nodeId)
        {
            var record = new MembershipRecord();
            cluster.App(nodeId).Services.GetRequiredService<RaftEvents>().MembershipChanged += change =>
            {
                lock (record.changes)
                {
                    record.changes.Add(change);
                }
            };
            return record;
        }
    }
}
