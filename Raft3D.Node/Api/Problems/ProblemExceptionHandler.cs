using Microsoft.AspNetCore.Diagnostics;
using Raft3D.Node.Store;
using Raft3D.Node.Store.Storage;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Api.Problems;

/// <summary>
/// The last line: cluster unavailability and a full disk become a 503 problem, anything else a 500 problem that
/// says the request may not have been applied. Bad input never gets here; controllers and the state machine answer it.
/// </summary>
public sealed class ProblemExceptionHandler(IFarmStore store, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        if (exception is ClusterUnavailableException unavailable)
        {
            await ProblemWriter.WriteAsync(httpContext, ProblemCatalog.CodeOf(unavailable.Reason), unavailable.Message);
            return true;
        }

        // The disk filled faster than the storage guard stepped in: the store logs it once per episode, not per request.
        if (NoSpace.IsCause(exception))
        {
            store.ReportNoSpace(exception);
            await ProblemWriter.WriteAsync(httpContext, ProblemCatalog.InsufficientStorage, "This node's disk is full. If this was a write it may still be applied by the others: retry on another member with the same Idempotency-Key (or a create with the same id), which is safe.");
            return true;
        }

        // Kestrel cut off a body that passed the API's limit while it was being read (a chunked one).
        if (BodyTooLarge.IsCause(exception))
        {
            await ProblemWriter.WriteAsync(httpContext, ProblemCatalog.BodyTooLarge, BodyTooLarge.DetailForCutOffBody(httpContext));
            return true;
        }

        if (exception is BadHttpRequestException bad)
        {
            await ProblemWriter.WriteAsync(httpContext, ErrorCodes.ValidationFailed, bad.Message);
            return true;
        }

        logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        await ProblemWriter.WriteAsync(httpContext, ProblemCatalog.Internal, "The node hit an unexpected error; the request may or may not have been applied. Check the node's log.");
        return true;
    }
}
