using Microsoft.AspNetCore.Cors.Infrastructure;
using Raft3D.Node.Api.Problems;

namespace Raft3D.Node.Api.Cors;

/// <summary>
/// Refuses a write that a browser sends from a page of another origin. CORS alone does not stop it: a plain form
/// POST (or one with a text/plain body) needs no preflight, so any site open in the same browser could make a
/// node on this machine's loopback resign its leadership or delete a printer, and only the answer would be hidden.
/// Requests without an Origin header (the CLI, scripts, other nodes) are not browsers' and pass.
/// </summary>
public sealed class ForeignOriginWriteGuard(RequestDelegate next, ICorsPolicyProvider policies)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || IsSafe(context.Request.Method) || (await policies.GetPolicyAsync(context, policyName: null))?.IsOriginAllowed(origin) == true)
        {
            await next(context);
            return;
        }

        await ProblemWriter.WriteAsync(context, ProblemCatalog.ForeignOrigin, $"Origin {origin} is not a member of this cluster; only pages served by its members may change the farm.");
    }

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}
