using DotNext.Net.Cluster;
using DotNext.Net.Cluster.Consensus.Raft;
using Raft3D.Node.Configuration;
using Raft3D.Node.Peers;
using Raft3D.Node.Store.Consensus;

namespace Raft3D.Node.Store.Membership;

/// <summary>
/// Removing the leader itself: it cannot commit its own removal safely and go on leading, so it steps down and
/// asks the new leader, through its API, to remove it; the new leader's answer is relayed to the client.
/// </summary>
public sealed class LeaderHandOver(IRaftCluster cluster, LeaderLocator leaders, LeaderApiClient leaderApi, Raft3DOptions options, ILogger<LeaderHandOver> logger)
{
    private static readonly TimeSpan NewLeaderPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>Steps down, waits for another leader, and has it remove <paramref name="id"/> (this node).</summary>
    public async Task<MembershipChange> RemoveSelfAsync(string id, CancellationToken token)
    {
        logger.LogInformation("Removing myself ({Id}): stepping down first", id);
        await ((ICluster)cluster).ResignAsync(token);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(token);
        deadline.CancelAfter(TimeSpan.FromMilliseconds(options.QuorumWaitTimeoutMs));
        try
        {
            while (true)
            {
                var leader = await leaders.AwaitLeaderAsync(options.ElectionGrace, deadline.Token);
                if (leader is { IsRemote: true } && await leaders.DescribeAsync(leader, deadline.Token) is { ApiUrl: { } api })
                {
                    return await RelayRemovalAsync(api, id, deadline.Token);
                }

                if (leader is { IsRemote: false })
                {
                    // Re-elected (e.g. a two-node cluster): try stepping down once more.
                    await ((ICluster)cluster).ResignAsync(deadline.Token);
                }

                await Task.Delay(NewLeaderPoll, deadline.Token);
            }
        }
        catch (OperationCanceledException e) when (!token.IsCancellationRequested)
        {
            throw new ClusterUnavailableException(UnavailableReason.NoLeader, $"Stepped down, but no other leader took over within {options.QuorumWaitTimeoutMs} ms to remove {id}; retry.", e);
        }
    }

    private async Task<MembershipChange> RelayRemovalAsync(string leaderApiUrl, string id, CancellationToken token)
    {
        try
        {
            var answer = await leaderApi.RemoveMemberAsync(leaderApiUrl, id, token);
            return new MembershipChange(MembershipChangeKind.RelayedByLeader, $"The new leader answered {answer.StatusCode}.", cluster.Members.Count, answer);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException)
        {
            throw new ClusterUnavailableException(UnavailableReason.LeaderUnreachable, $"Stepped down, but the new leader at {leaderApiUrl} could not be asked to remove {id} ({e.Message}); retry.", e);
        }
    }
}
