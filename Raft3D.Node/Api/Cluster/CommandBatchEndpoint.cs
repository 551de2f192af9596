using Raft3D.Node.Api.Problems;
using Raft3D.Node.Configuration;
using Raft3D.Node.Peers;
using Raft3D.Node.Security;
using Raft3D.Node.Store;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Api.Cluster;

/// <summary>
/// The leader's end of its followers' forwarded farm writes: a batch of binary commands from one follower
/// (<see cref="CommandBatchCodec"/>), each caller judged again with this node's own tokens and roles, each command
/// proposed through the store exactly as this node's own requests are (its time stamp, its storage check, its
/// Idempotency-Key window), all at once so they share replication rounds; answered with each command's outcome in
/// order. It never forwards: a receiver that does not lead answers "not leading" for the whole batch, having
/// proposed none of it. Members only (<see cref="ApiPolicies.Peer"/>), and a minimal endpoint: no MVC, no JSON.
/// </summary>
public static class CommandBatchEndpoint
{
    public const string Path = "/cluster/commands";

    /// <summary>
    /// A batch holds at most <see cref="LeaderCommandForwarder.MaxCommandsPerBatch"/> commands, each built from a
    /// body within the API's limit, plus its caller's Authorization header, bounded by Kestrel's request-header limit.
    /// </summary>
    public static long MaxBodyBytes(long maxRequestBodyBytes) => LeaderCommandForwarder.MaxCommandsPerBatch * (maxRequestBodyBytes + (64 * 1024));

    public static void Map(IEndpointRouteBuilder endpoints)
        => endpoints.MapPost(Path, HandleAsync)
            .RequireAuthorization(ApiPolicies.Peer)
            .DisableRateLimiting() // each client's request was limited by the follower it reached
            .ExcludeFromDescription();

    private static async Task HandleAsync(HttpContext context, IFarmStore store, ForwardedCallerCheck callers, Raft3DOptions options, ILogger<CommandBatch> logger)
    {
        // Past the API's per-request limit (RequestBodyLimitMiddleware lets this path through up to the batch's).
        byte[] body;
        using (var buffer = new MemoryStream())
        {
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            body = buffer.ToArray();
        }

        IReadOnlyList<ForwardedCommand> commands;
        try
        {
            commands = CommandBatchCodec.DecodeRequest(body);
        }
        catch (InvalidDataException e)
        {
            await ProblemWriter.WriteAsync(context, ErrorCodes.ValidationFailed, $"The command batch cannot be read: {e.Message}");
            return;
        }

        var self = store.Self.Id ?? string.Empty;
        if (!store.IsLeader)
        {
            await WriteAsync(context, new CommandBatchAnswer(false, self, store.Term, []));
            return;
        }

        var batch = new CommandBatch(store, callers, options.Idempotency.Window, context.Request.Headers[PeerHeaders.ForwardedBy].ToString(), logger);
        var outcomes = await Task.WhenAll(commands.Select(command => batch.ExecuteAsync(command, context.RequestAborted)));
        await WriteAsync(context, new CommandBatchAnswer(true, self, store.Term, outcomes));
    }

    private static async Task WriteAsync(HttpContext context, CommandBatchAnswer answer)
    {
        var bytes = CommandBatchCodec.EncodeAnswer(answer);
        context.Response.ContentType = CommandBatchCodec.ContentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}
