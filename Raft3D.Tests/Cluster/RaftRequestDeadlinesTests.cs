using System.Diagnostics;
using Raft3D.Node.Configuration;
using Raft3D.Node.Peers;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Cluster;

/// <summary>
/// A snapshot transfer may take as long as the follower needs; every other Raft request keeps DotNext's short
/// deadline, so a vote round with a peer whose host is gone still ends inside an election timeout.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class RaftRequestDeadlinesTests
{
    private static readonly TimeSpan UpperElectionTimeout = TimeSpan.FromMilliseconds(400);

    [TestCase("PreVote")]
    [TestCase("RequestVote")]
    [TestCase("AppendEntries")]
    public void A_vote_or_heartbeat_to_a_silent_peer_is_given_up_after_half_the_upper_election_timeout(string kind)
    {
        var elapsed = TimeUntilGivenUp(kind, callerGivesUpAfter: TimeSpan.FromSeconds(30));
        Assert.That(elapsed, Is.GreaterThanOrEqualTo(UpperElectionTimeout / 2 - TimeSpan.FromMilliseconds(20)).And.LessThan(UpperElectionTimeout - TimeSpan.FromMilliseconds(50)));
    }

    [TestCase("Metadata")]
    [TestCase("Synchronize")]
    public void Other_requests_to_a_silent_peer_are_given_up_after_the_upper_election_timeout(string kind)
    {
        var elapsed = TimeUntilGivenUp(kind, callerGivesUpAfter: TimeSpan.FromSeconds(30));
        Assert.That(elapsed, Is.GreaterThanOrEqualTo(UpperElectionTimeout - TimeSpan.FromMilliseconds(20)).And.LessThan(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public void A_snapshot_transfer_runs_until_the_caller_gives_up()
    {
        var callerGivesUpAfter = UpperElectionTimeout * 3;
        var elapsed = TimeUntilGivenUp("InstallSnapshot", callerGivesUpAfter);
        Assert.That(elapsed, Is.GreaterThanOrEqualTo(callerGivesUpAfter - TimeSpan.FromMilliseconds(20)));
    }

    [TestCase(499)]
    [TestCase(3_600_001)]
    public void A_snapshot_transfer_timeout_out_of_bounds_stops_the_node_with_the_setting_named(int milliseconds)
        => Assert.That(
            () => Raft3DOptionsValidator.Validate(OneNode(milliseconds)),
            Throws.TypeOf<InvalidConfigurationException>().With.Message.Contains("Raft3D:SnapshotTransferTimeoutMs"));

    [Test]
    public void The_default_snapshot_transfer_timeout_is_accepted()
        => Assert.That(() => Raft3DOptionsValidator.Validate(OneNode(new Raft3DOptions().SnapshotTransferTimeoutMs)), Throws.Nothing);

    private static Raft3DOptions OneNode(int snapshotTransferTimeout) => OneNodeOptions.With(options => options.SnapshotTransferTimeoutMs = snapshotTransferTimeout);

    /// <summary>Sends one request of the given kind to a peer that never answers; returns when it was abandoned.</summary>
    private static TimeSpan TimeUntilGivenUp(string kind, TimeSpan callerGivesUpAfter)
    {
        using var invoker = new HttpMessageInvoker(new RaftRequestDeadlines(UpperElectionTimeout) { InnerHandler = new SilentPeer() });
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:1/cluster-consensus/raft");
        request.Headers.Add("X-Raft-Message-Type", kind);
        using var caller = new CancellationTokenSource(callerGivesUpAfter);
        var clock = Stopwatch.StartNew();
        Assert.CatchAsync<OperationCanceledException>(() => invoker.SendAsync(request, caller.Token));
        return clock.Elapsed;
    }

    /// <summary>A peer whose host is gone with the connection still open: nothing ever comes back.</summary>
    private sealed class SilentPeer : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new UnreachableException();
        }
    }
}
