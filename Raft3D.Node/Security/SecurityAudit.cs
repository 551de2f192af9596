using Prometheus;
using Raft3D.Node.Observability;

namespace Raft3D.Node.Security;

/// <summary>
/// Who did what from where: every refused request and every admin action, at Information, with the token's name
/// and never its secret; and the counters an operator alerts on.
/// </summary>
public sealed partial class SecurityAudit(NodeMetrics metrics, ILogger<SecurityAudit> logger)
{
    private readonly Counter apiFailures = Metrics.WithCustomRegistry(metrics.Registry).CreateCounter(
        "raft3d_auth_failures_total", "API requests refused for missing or wrong credentials (401) or too low a role (403).", "reason");

    private readonly Counter raftFailures = Metrics.WithCustomRegistry(metrics.Registry).CreateCounter(
        "raft3d_raft_auth_failures_total", "Raft requests refused because they carried no valid proof of cluster membership.");

    public void ApiRefused(HttpContext context, string reason, int status)
    {
        apiFailures.WithLabels(reason).Inc();
        LogApiRefused(status, reason, Who(context), context.Request.Method, context.Request.Path, From(context));
    }

    /// <summary>A write a follower forwarded as a command, refused by this leader's own tokens or roles.</summary>
    public void ForwardedRefused(string reason, int status, string who, string method, string path, string forwardedBy)
    {
        apiFailures.WithLabels(reason).Inc();
        LogApiRefused(status, reason, who, method, path, $"follower {forwardedBy}");
    }

    public void RaftRefused(HttpContext context)
    {
        raftFailures.Inc();
        LogRaftRefused(context.Request.Headers["X-Raft-Message-Type"].ToString(), From(context));
    }

    public void AdminAction(HttpContext context)
        => LogAdminAction(Who(context), context.Request.Method, context.Request.Path, From(context), context.Response.StatusCode);

    private static string Who(HttpContext context) => context.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : "anonymous";

    private static string From(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Status} ({Reason}): {Who} {Method} {Path} from {From}")]
    private partial void LogApiRefused(int status, string reason, string who, string method, string path, string from);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused raft request {MessageType} from {From}: no valid proof of cluster membership")]
    private partial void LogRaftRefused(string messageType, string from);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin action: {Who} {Method} {Path} from {From} answered {Status}")]
    private partial void LogAdminAction(string who, string method, string path, string from, int status);
}
