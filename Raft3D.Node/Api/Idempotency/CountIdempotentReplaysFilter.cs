using Microsoft.AspNetCore.Mvc.Filters;
using Raft3D.Node.Observability;

namespace Raft3D.Node.Api.Idempotency;

/// <summary>
/// Counts the answers this node gave with Idempotent-Replayed (raft3d_idempotent_replays_total), read off the
/// response so the controllers need not know about metrics. A replay written through a follower is counted once,
/// by the follower that rendered the leader's outcome (the leader's command endpoint renders nothing): summed over
/// the nodes, each replay counts once.
/// </summary>
public sealed class CountIdempotentReplaysFilter(NodeMetrics metrics) : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
        if (context.HttpContext.Response.Headers.ContainsKey(IdempotencyHeaders.Replayed))
        {
            metrics.RecordIdempotentReplay();
        }
    }
}
