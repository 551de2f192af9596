using DotNext.Net.Cluster;
using DotNext.Net.Cluster.Consensus.Raft;
using Raft3D.Node.Configuration;
using Raft3D.Node.Problems;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Reads;

/// <summary>
/// Makes every API read linearizable unless the client asks for <c>?consistency=local</c>: before the read,
/// DotNext's read barrier waits until this node has applied everything the leader had committed when the read
/// began (a follower asks the leader for its commit index). So a read never misses an acknowledged write.
/// </summary>
public sealed class LinearizableReadMiddleware(RequestDelegate next, IRaftCluster cluster, Raft3DOptions options)
{
    public const string ConsistencyParameter = "consistency";

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

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(options.QuorumWaitTimeoutMs);
        try
        {
            await cluster.ApplyReadBarrierAsync(deadline.Token);
        }
        catch (Exception e) when (e is LeaderOperationException or MemberUnavailableException
            || (e is OperationCanceledException && !context.RequestAborted.IsCancellationRequested))
        {
            await ProblemWriter.WriteAsync(
                context,
                ErrorCodes.NoLeader,
                "A linearizable read needs a leader and a majority, and neither answered in time. Retry shortly, or read this node's possibly stale state with ?consistency=local.");
            return;
        }

        await next(context);
    }
}
