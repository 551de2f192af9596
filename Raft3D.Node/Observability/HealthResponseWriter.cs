using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Raft3D.Node.Observability;

/// <summary>Writes a health report as a small JSON object whose <c>reason</c> says why a node is (not) ready.</summary>
public static class HealthResponseWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var reason = string.Join(" ", report.Entries.Values.Select(e => e.Description).Where(d => !string.IsNullOrEmpty(d)));
        return JsonSerializer.SerializeAsync(
            context.Response.Body,
            new { status = report.Status.ToString(), reason = reason.Length > 0 ? reason : "alive" },
            cancellationToken: context.RequestAborted);
    }
}
