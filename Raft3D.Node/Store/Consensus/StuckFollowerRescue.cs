using DotNext.Net.Cluster.Consensus.Raft;
using Raft3D.Node.Configuration;
using Raft3D.Node.Peers;
using Raft3D.Node.Store.Storage;

namespace Raft3D.Node.Store.Consensus;

/// <summary>
/// Gets a follower out of a DotNext 6.12 livelock by asking the cluster for a fresh snapshot.
/// </summary>
/// <remarks>
/// DotNext bounds every Raft request, InstallSnapshot included, by the RPC timeout (half the upper election
/// timeout). A follower that installs a snapshot more slowly than that (a node just restarted, still
/// JIT-compiling) has installed it, but the leader counts the request as failed and sends the same snapshot
/// again. The follower refuses any snapshot that is not newer than its commit index, the leader falls back to
/// the snapshot again, and so on: the follower hears no leader and never catches up until the leader takes a
/// newer snapshot, which on a quiet farm may be never. Seen in the killed-follower fault test (the follower
/// stuck at the leader's snapshot index). A new snapshot breaks the loop, so a voting follower that has heard
/// no leader for a while asks the cluster for one through any member's API; a member without a leader
/// refuses, so a cluster without a majority is left alone. Snapshot transfers now have a deadline of their own
/// (RaftRequestDeadlines), which removes the usual cause; this stays for an install slower even than that.
/// </remarks>
public sealed class StuckFollowerRescue(
    IRaftCluster cluster,
    LeaderLocator leaders,
    LeaderApiClient peers,
    StorageGuard storage,
    Raft3DOptions options,
    ILogger<StuckFollowerRescue> logger) : BackgroundService
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);

    /// <summary>A peer behind a firewall that drops packets would otherwise hold the question for as long as the OS lets it.</summary>
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Well past an election: a node that merely restarted or lived through an election has a leader by then.</summary>
    private readonly long stuckAfterMs = Math.Max(5_000, 10L * options.UpperElectionTimeout);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckEvery);
        long? leaderlessSince = null;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // A node whose disk is full refuses the leader's entries and snapshots, so it hears no leader on
                // purpose: a snapshot taken for it would cost every member a write and help nobody.
                if (cluster.Leader is not null || !IsVotingMember() || storage.IsFull)
                {
                    leaderlessSince = null;
                    continue;
                }

                leaderlessSince ??= Environment.TickCount64;
                if (Environment.TickCount64 - leaderlessSince >= stuckAfterMs && await AskForSnapshotAsync(stoppingToken))
                {
                    // Give the leader time to send the new snapshot before asking again.
                    leaderlessSince = Environment.TickCount64;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping.
        }
    }

    // A joining node is a standby outside the configuration until the leader adds it: no leader is normal then.
    private bool IsVotingMember() => cluster.Members.Count > 1 && cluster.Members.Any(member => !member.IsRemote);

    private async Task<bool> AskForSnapshotAsync(CancellationToken token)
    {
        var peerApis = new List<(string Name, string ApiUrl)>();
        foreach (var member in cluster.Members.Where(member => member.IsRemote))
        {
            if (await leaders.DescribeAsync(member, token) is { ApiUrl: { } api } peer)
            {
                peerApis.Add((peer.Id ?? api, api));
            }
        }

        var agreed = await peers.AskAnyMemberAsync(peerApis, peers.AskForSnapshotAsync, AskTimeout, token);
        if (agreed is { } through)
        {
            logger.LogWarning(
                "No leader for {Seconds:0} s while {Peer} has one: asked the cluster for a fresh snapshot to catch up ({Answer})",
                stuckAfterMs / 1000.0,
                through.Member,
                through.Answer.Body);
        }

        return agreed is not null;
    }
}
