using Raft3D.Node.Api.Idempotency;
using Raft3D.Node.Api.Problems;
using Raft3D.Node.Observability;
using Raft3D.Node.Peers;
using Raft3D.Node.Store;
using Raft3D.StateMachine.Outcomes;
using Yarp.ReverseProxy.Forwarder;

namespace Raft3D.Node.Api.Routing;

/// <summary>
/// Lets a client write to any node: a request for an endpoint marked <see cref="ForwardToLeaderAttribute"/> that
/// reaches a follower is sent to the leader's API and the leader's response is returned unchanged; for a farm
/// command (<see cref="ForwardToLeaderAttribute.AsCommand"/>) only the command is sent, by the controller (see
/// <see cref="CommandForwarding"/>). A request that was already forwarded once is never forwarded again; if this
/// node is not the leader the store refuses it with 503 instead.
/// </summary>
public sealed class LeaderForwardingMiddleware(
    RequestDelegate next,
    IFarmStore store,
    LeaderApiClient leaderApi,
    NodeMetrics metrics,
    ILogger<LeaderForwardingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var forward = context.GetEndpoint()?.Metadata.GetMetadata<ForwardToLeaderAttribute>();
        if (forward is null
            || store.IsLeader
            || context.Request.Headers.ContainsKey(NodeHeaders.ForwardedBy))
        {
            await next(context);
            return;
        }

        // Judged here as the leader would judge it: forwarded, a bad key is not even sent as is (HttpClient
        // refuses non-ASCII header values and joins repeated headers into one value, which is not the request).
        if (IdempotencyHeaders.AppliesTo(context.Request) && !IdempotencyHeaders.TryRead(context.Request, out _, out var badKey))
        {
            await ProblemWriter.WriteAsync(context, ErrorCodes.ValidationFailed, badKey!);
            return;
        }

        // Riding out one election here spares clients a 503 for what is usually a sub-second gap.
        var leader = await store.AwaitLeaderAsync(context.RequestAborted);
        if (leader is null)
        {
            await ProblemWriter.WriteAsync(context, ProblemCatalog.NoLeader, "No leader was elected in time, so the write cannot be accepted. Retry in a moment.");
            return;
        }

        if (store.IsLeader)
        {
            // This node won the election it was waiting for.
            await next(context);
            return;
        }

        if (leader.ApiUrl is null)
        {
            await ProblemWriter.WriteAsync(context, ProblemCatalog.LeaderUnreachable, $"The leader ({leader.RaftUrl}) has not published its API address yet. Retry in a moment.");
            return;
        }

        if (forward.AsCommand)
        {
            // This node serves the request itself up to the command, which alone goes to the leader (CommandForwarding).
            context.Features.Set(new CommandForwardingFeature(leader));
            await next(context);
            return;
        }

        var error = await leaderApi.ForwardAsync(context, leader.ApiUrl);

        // The client's body passed the API's limit while it was being streamed on: the client's fault, not a failed
        // forward. The leader saw the forwarded request break off mid-body, so it applied nothing.
        if (error != ForwarderError.None && BodyTooLarge.IsCause(context.Features.Get<IForwarderErrorFeature>()?.Exception) && !context.Response.HasStarted)
        {
            context.Response.Clear();
            await ProblemWriter.WriteAsync(context, ProblemCatalog.BodyTooLarge, BodyTooLarge.DetailForCutOffBody(context));
            return;
        }

        metrics.RecordForward(error == ForwarderError.None);
        if (error == ForwarderError.None)
        {
            return;
        }

        logger.LogWarning("Forwarding {Method} {Path} to leader {Leader} at {Url} failed: {Error}", context.Request.Method, context.Request.Path, leader.Id, leader.ApiUrl, error);
        if (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await ProblemWriter.WriteAsync(
                context,
                ProblemCatalog.LeaderUnreachable,
                $"The leader {leader.Id} at {leader.ApiUrl} could not be reached ({error}). If the request reached it, it may have been applied: retry with the same Idempotency-Key (or a create with the same id).");
        }
    }
}
