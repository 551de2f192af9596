using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace Raft3D.Node.Api.Problems;

/// <summary>Writes a problem response, from middleware or from an action; a 503 always says when to retry.</summary>
public static class ProblemWriter
{
    public static Task WriteAsync(HttpContext context, string code, string detail)
        => TypedResults.Problem(Prepare(context, code, detail)).ExecuteAsync(context);

    /// <summary>The problem for <paramref name="code"/>, with Retry-After already set on the response if it is a 503.</summary>
    public static ProblemDetails Prepare(HttpContext context, string code, string detail)
    {
        var problem = ProblemCatalog.Create(code, detail, context.Request.Path);
        AddRetryAfterIfUnavailable(context.Response, problem.Status ?? 0);
        return problem;
    }

    /// <summary>A problem as an action's (or an action filter's) result, with its status and media type.</summary>
    public static ObjectResult Result(ProblemDetails problem)
        => new(problem) { StatusCode = problem.Status, ContentTypes = { "application/problem+json" } };

    /// <summary>A 503 tells the client when to retry: about one election.</summary>
    public static void AddRetryAfterIfUnavailable(HttpResponse response, int status)
    {
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers.RetryAfter = ProblemCatalog.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }
    }
}
