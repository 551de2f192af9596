using DotNext.Net.Cluster;
using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Raft3D.Node.Cluster;
using Raft3D.Node.Configuration;
using Raft3D.Node.Problems;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Reads;

/// <summary>
/// Makes every API read linearizable unless the client asks for <c>?consistency=local</c>: before the read,
/// DotNext's read barrier waits until this node has applied everything the leader had committed when the read
/// began (a follower asks the leader for its commit index). So a read never misses an acknowledged write.
/// </summary>
public sealed class LinearizableReadMiddleware(RequestDelegate next, IRaftCluster cluster, LeaderLocator leaders, LeaderReadIndex readIndex, Raft3DOptions options)
{
    public const string ConsistencyParameter = "consistency";
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(50);

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var consistency = request.Query[ConsistencyParameter].ToString();
        if (string.Equals(consistency, "local", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        if (consistency.Length > 0 && !string.Equals(consistency, "linearizable", StringComparison.OrdinalIgnoreCase))
        {
            await ProblemWriter.WriteAsync(context, ErrorCodes.ValidationFailed, $"consistency must be 'linearizable' (the default) or 'local'; got '{consistency}'.");
            return;
        }

        if (!await TryApplyBarrierAsync(context.RequestAborted))
        {
            await ProblemWriter.WriteAsync(
                context,
                ErrorCodes.NoLeader,
                $"A linearizable read needs a leader and a majority, and none answered within {options.QuorumWaitTimeoutMs} ms. Retry shortly, or read this node's possibly stale state with ?consistency=local.");
            return;
        }

        await next(context);
    }

    /// <summary>
    /// Applies the barrier, riding out an election: with no leader it waits for one, with a dead leader still
    /// known it retries until the followers notice. Gives up at the quorum wait deadline.
    /// </summary>
    /// <remarks>
    /// On the leader, DotNext's strong barrier does it all. On a follower we do not use DotNext's follower path:
    /// it takes the leader's commit index as is, which right after an election can lag entries the previous
    /// leader acknowledged, so a read could miss an acknowledged write. We ask the leader for a read index
    /// instead (<see cref="ReadIndexController"/>) and wait to apply up to it.
    /// </remarks>
    private async Task<bool> TryApplyBarrierAsync(CancellationToken requestAborted)
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
                        if (cluster.AuditTrail is WriteAheadLog wal)
                        {
                            await wal.WaitForApplyAsync(index, deadline.Token);
                        }

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
}
