namespace Raft3D.Node.Problems;

/// <summary>Writes a problem response from middleware, where there is no MVC action result to return.</summary>
public static class ProblemWriter
{
    /// <summary>Seconds a client should wait before retrying a 503: about one election.</summary>
    public const int RetryAfterSeconds = 1;

    public static Task WriteAsync(HttpContext context, string code, string detail)
    {
        var problem = ProblemCatalog.Create(code, detail, context.Request.Path);
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return TypedResults.Problem(problem).ExecuteAsync(context);
    }
}
