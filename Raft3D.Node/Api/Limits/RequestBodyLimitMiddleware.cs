using Microsoft.AspNetCore.Http.Features;
using Raft3D.Node.Api.Cluster;
using Raft3D.Node.Api.Problems;
using Raft3D.Node.Configuration;

namespace Raft3D.Node.Api.Limits;

/// <summary>
/// Holds every API request body to <c>Raft3D:Security:Limits:MaxRequestBodyBytes</c>. A body that declares a larger
/// Content-Length is refused before a byte of it is read, whatever the endpoint; a chunked one is cut off by Kestrel
/// when it passes the limit, and that error becomes the same 413 (<see cref="ProblemExceptionHandler"/>, or the
/// forwarding middleware when a follower was streaming it to the leader). Either way nothing is applied: a command
/// is only built from a body read to its end.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, Raft3DOptions options)
{
    private readonly long requestLimit = options.Security.Limits.MaxRequestBodyBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        // A follower's batch of forwarded commands holds many clients' writes, each already held to the limit by the
        // follower. Told by its path: this runs before routing, so that nothing reads a body before it is bounded.
        var limit = context.Request.Path.Equals(CommandBatchEndpoint.Path, StringComparison.Ordinal)
            ? CommandBatchEndpoint.MaxBodyBytes(requestLimit)
            : requestLimit;
        if (context.Request.ContentLength is { } declared && declared > limit)
        {
            await ProblemWriter.WriteAsync(context, ProblemCatalog.BodyTooLarge, BodyTooLarge.Detail(declared, limit));
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }

        await next(context);
    }
}
