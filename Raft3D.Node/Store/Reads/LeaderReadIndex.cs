using DotNext.Net.Cluster.Consensus.Raft;
using Raft3D.Node.Peers;
using Raft3D.Node.Store.Consensus;

namespace Raft3D.Node.Store.Reads;

/// <summary>
/// A follower's question to the leader: "up to which index must I apply before I may read?". Concurrent reads
/// share one question: reads that arrive while a question is out wait for the next one, which is asked only
/// after they arrived, so each read still gets an index the leader confirmed after the read began. At high
/// concurrency that turns one leader round trip per read into one per batch.
/// </summary>
public sealed class LeaderReadIndex(IRaftCluster cluster, LeaderLocator leaders, LeaderApiClient leaderApi)
{
    private readonly Lock gate = new();
    private TaskCompletionSource<long?>? waiting;
    private bool asking;

    /// <summary>The leader's read index, or null if there is no remote leader or it would not confirm.</summary>
    public Task<long?> AskAsync(CancellationToken token)
    {
        Task<long?> batch;
        lock (gate)
        {
            waiting ??= new TaskCompletionSource<long?>(TaskCreationOptions.RunContinuationsAsynchronously);
            batch = waiting.Task;
            if (!asking)
            {
                asking = true;
                _ = Task.Run(AskInBatchesAsync, CancellationToken.None);
            }
        }

        return batch.WaitAsync(token);
    }

    private async Task AskInBatchesAsync()
    {
        while (true)
        {
            TaskCompletionSource<long?> batch;
            lock (gate)
            {
                if (waiting is null)
                {
                    asking = false;
                    return;
                }

                batch = waiting;
                waiting = null;
            }

            try
            {
                batch.SetResult(await AskLeaderAsync());
            }
            catch (Exception e)
            {
                batch.SetException(e);
            }
        }
    }

    private async Task<long?> AskLeaderAsync()
    {
        if (cluster.Leader is not { IsRemote: true } leader
            || await leaders.DescribeAsync(leader, CancellationToken.None) is not { ApiUrl: { } api })
        {
            return null;
        }

        // Shared by a batch of reads, so no single read's cancellation may end it; the client bounds it instead.
        return await leaderApi.AskReadIndexAsync(api, CancellationToken.None);
    }
}
