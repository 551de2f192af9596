using System.Globalization;
using Raft3D.Node.Store;

namespace Raft3D.Node.Api.Routing;

/// <summary>
/// Names the serving node and the leader on every API response. A forwarded response keeps the leader's
/// own headers (it is returned unchanged); this node only adds that it forwarded it.
/// </summary>
public sealed class NodeHeadersMiddleware(RequestDelegate next, IFarmStore store)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // Resolve the leader before the response starts: OnStarting callbacks cannot await a metadata call.
        var leader = await store.FindLeaderAsync(context.RequestAborted);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            if (!headers.ContainsKey(NodeHeaders.ServedBy))
            {
                headers[NodeHeaders.ServedBy] = store.Self.Id;
            }

            if (!headers.ContainsKey(NodeHeaders.Leader) && leader?.Id is { } leaderId)
            {
                headers[NodeHeaders.Leader] = leaderId;
            }

            if (!headers.ContainsKey(NodeHeaders.Term))
            {
                headers[NodeHeaders.Term] = store.Term.ToString(CultureInfo.InvariantCulture);
            }

            return Task.CompletedTask;
        });
        await next(context);
    }
}
