using Raft3D.Node.Configuration;
using Raft3D.Node.Problems;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Reads;

/// <summary>
/// Makes every API read linearizable unless the client asks for <c>?consistency=local</c>: before the read,
/// <see cref="LinearizableReads"/> brings this node up to what the leader had confirmed when the read began.
/// So a read never misses an acknowledged write.
/// </summary>
public sealed class LinearizableReadMiddleware(RequestDelegate next, LinearizableReads reads, Raft3DOptions options)
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

        if (!await reads.TryCatchUpAsync(context.RequestAborted))
        {
            await ProblemWriter.WriteAsync(
                context,
                ErrorCodes.NoLeader,
                $"A linearizable read needs a leader and a majority, and none answered within {options.QuorumWaitTimeoutMs} ms. Retry shortly, or read this node's possibly stale state with ?consistency=local.");
            return;
        }

        await next(context);
    }
}
