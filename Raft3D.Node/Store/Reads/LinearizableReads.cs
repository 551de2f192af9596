using DotNext.Net.Cluster;
using DotNext.Net.Cluster.Consensus.Raft;
using Raft3D.Node.Configuration;
using Raft3D.Node.Store.Consensus;

namespace Raft3D.Node.Store.Reads;

/// <summary>
/// Brings this node's state up to date for a linearizable read, riding out an election: with no leader it
/// waits for one, with a dead leader still known it retries until the followers notice. Gives up at the quorum
/// wait deadline. Used by every read that must not lie: API reads and backups.
/// </summary>
/// <remarks>
/// On the leader, DotNext's strong barrier does it all. On a follower we do not use DotNext's follower path:
/// it takes the leader's commit index as is, which right after an election can lag entries the previous
/// leader acknowledged, so a read could miss an acknowledged write. We ask the leader for a read index
/// instead (<see cref="ConfirmReadIndexAsync"/> on the leader) and wait to apply up to it.
/// </remarks>
public sealed class LinearizableReads(IRaftCluster cluster, FlushedAppendLog log, LeaderLocator leaders, LeaderReadIndex readIndex, Raft3DOptions options)
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(50);

    /// <returns>False when no leader and majority answered within the quorum wait.</returns>
    public async Task<bool> TryCatchUpAsync(CancellationToken requestAborted)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        deadline.CancelAfter(options.QuorumWaitTimeoutMs);
        try
        {
            while (true)
            {
                try
                {
                    if (leaders.IsLocalLeader)
                    {
                        await cluster.ApplyReadBarrierAsync(deadline.Token);
                        return true;
                    }

                    if (await leaders.AwaitLeaderAsync(options.ElectionGrace, deadline.Token) is { IsRemote: true }
                        && await readIndex.AskAsync(deadline.Token) is { } index)
                    {
                        await log.WaitForApplyAsync(index, deadline.Token);
                        return true;
                    }
                }
                catch (Exception e) when (e is LeaderOperationException or MemberUnavailableException)
                {
                    // The leader we knew is gone or lost leadership; followers notice within an election timeout.
                }

                await Task.Delay(RetryPause, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// The leader's half of a follower's read (Raft's "read index"): confirm leadership with a replication round
    /// and apply every entry of the log, this term's first one included, then say how far it has applied.
    /// </summary>
    public async Task<long> ConfirmReadIndexAsync(CancellationToken token)
    {
        if (!leaders.IsLocalLeader)
        {
            throw new ClusterUnavailableException(UnavailableReason.NoLeader, "This node is not the leader.");
        }

        try
        {
            await cluster.ApplyReadBarrierAsync(token);
        }
        catch (Exception e) when (e is LeaderOperationException or MemberUnavailableException)
        {
            throw new ClusterUnavailableException(UnavailableReason.NoLeader, "Leadership could not be confirmed.", e);
        }

        return log.LastAppliedIndex;
    }
}
