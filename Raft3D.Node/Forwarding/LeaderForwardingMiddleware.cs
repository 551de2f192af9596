using Raft3D.Node.Cluster;
using Raft3D.Node.Configuration;
using Raft3D.Node.Hosting;
using Raft3D.Node.Observability;
using Raft3D.Node.Problems;
using Raft3D.StateMachine.Outcomes;
using Yarp.ReverseProxy.Forwarder;

namespace Raft3D.Node.Forwarding;

/// <summary>
/// Lets a client write to any node: a write that reaches a follower is sent to the leader's API with YARP's
/// forwarder and the leader's response is returned unchanged. A request that was already forwarded once is
/// never forwarded again; if this node is not the leader it fails with 503 on the write path instead.
/// </summary>
public sealed class LeaderForwardingMiddleware
{
    private readonly RequestDelegate next;
    private readonly LeaderLocator leaders;
    private readonly IHttpForwarder forwarder;
    private readonly ILogger<LeaderForwardingMiddleware> logger;
    private readonly LeaderForwardingClient client;
    private readonly ForwardingTransformer transformer;
    private readonly TimeSpan electionGrace;
    private readonly NodeMetrics metrics;

    public LeaderForwardingMiddleware(RequestDelegate next, LeaderLocator leaders, ClusterTopology topology, IHttpForwarder forwarder, LeaderForwardingClient client, Raft3DOptions options, NodeMetrics metrics, ILogger<LeaderForwardingMiddleware> logger)
    {
        this.metrics = metrics;
        electionGrace = options.ElectionGrace;
        this.next = next;
        this.leaders = leaders;
        this.forwarder = forwarder;
        this.logger = logger;
        transformer = new ForwardingTransformer(topology.Local.Id ?? "unknown");
        this.client = client;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsWrite(context.Request) || leaders.IsLocalLeader || context.Request.Headers.ContainsKey(NodeHeaders.ForwardedBy))
        {
            await next(context);
            return;
        }

        var member = await leaders.AwaitLeaderAsync(electionGrace, context.RequestAborted);
        if (member is null)
        {
            await ProblemWriter.WriteAsync(context, ErrorCodes.NoLeader, $"No leader was elected within {electionGrace.TotalSeconds:0.#} s, so the write cannot be accepted. Retry in a moment.");
            return;
        }

        if (!member.IsRemote)
        {
            // This node won the election it was waiting for.
            await next(context);
            return;
        }

        var leader = await leaders.DescribeAsync(member, context.RequestAborted);
        if (leader.ApiUrl is null)
        {
            await ProblemWriter.WriteAsync(context, ErrorCodes.LeaderUnreachable, $"The leader ({leader.RaftUrl}) has not published its API address yet. Retry in a moment.");
            return;
        }

        var error = await forwarder.SendAsync(context, leader.ApiUrl, client.Invoker, ForwarderRequestConfig.Empty, transformer);
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
                ErrorCodes.LeaderUnreachable,
                $"The leader {leader.Id} at {leader.ApiUrl} could not be reached ({error}). If the request reached it, it may have been applied: retry with the same id.");
        }
    }

    private static bool IsWrite(HttpRequest request)
        => (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method))
            && (request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || request.Path.StartsWithSegments("/cluster", StringComparison.OrdinalIgnoreCase));
}
