using Microsoft.Extensions.DependencyInjection;
using Raft3D.Node.Store;
using Raft3D.Node.Store.Consensus;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Cluster;

/// <summary>
/// A node that is stopping drops its connections to its peers; that is not a member leaving the configuration,
/// and must not be told (logged, streamed to dashboards) as one.
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
        var events = cluster.App(stopping).Services.GetRequiredService<RaftEvents>();
        var seen = new List<MembershipEvent>();
        events.MembershipChanged += change =>
        {
            lock (seen)
            {
                seen.Add(change);
            }
        };

        await cluster.StopNodeAsync(stopping);

        lock (seen)
        {
            Assert.That(seen.Where(change => !change.Joined), Is.Empty, "membership events raised while the node stopped");
        }
    }
}
