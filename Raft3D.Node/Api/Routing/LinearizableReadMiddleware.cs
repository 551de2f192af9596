using Raft3D.Node.Api.Problems;
using Raft3D.Node.Store;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Api.Routing;

/// <summary>
/// Makes every endpoint marked <see cref="LinearizableReadAttribute"/> linearizable unless the client asks for
/// <c>?consistency=local</c>: before the read, the store brings this node up to what the leader had confirmed
/// when the read began, so a read never misses an acknowledged write.
/// </summary>
public sealed class LinearizableReadMiddleware(RequestDelegate next, IFarmStore store)
{
    public const string ConsistencyParameter = "consistency";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<LinearizableReadAttribute>() is null)
        {
            await next(context);
            return;
        }

        var requested = context.Request.Query[ConsistencyParameter].ToString();
        if (!TryParse(requested, out var consistency))
        {
            await ProblemWriter.WriteAsync(context, ErrorCodes.ValidationFailed, $"consistency must be 'linearizable' (the default) or 'local'; got '{requested}'.");
            return;
        }

        // Unavailability is thrown as the store's exception and answered 503 by the exception handler.
        await store.PrepareReadAsync(consistency, context.RequestAborted);
        await next(context);
    }

    private static bool TryParse(string text, out ReadConsistency consistency)
    {
        consistency = string.Equals(text, "local", StringComparison.OrdinalIgnoreCase) ? ReadConsistency.Local : ReadConsistency.Linearizable;
        return text.Length == 0
            || consistency == ReadConsistency.Local
            || string.Equals(text, "linearizable", StringComparison.OrdinalIgnoreCase);
    }
}
