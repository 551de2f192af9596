using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Prometheus;
using Raft3D.Node.Api.Problems;
using Raft3D.Node.Configuration;
using Raft3D.Node.Observability;

namespace Raft3D.Node.Api.Limits;

/// <summary>
/// Answers a client over its rate limit: 429, a <c>Retry-After</c> in whole seconds, a problem naming the limit,
/// and <c>raft3d_rate_limited_total</c>. Refusals are logged at most once a second, with how many went unlogged, so
/// a client hammering the node cannot flood its log too.
/// </summary>
public sealed class RateLimitRefusals
{
    private const long LogIntervalMs = 1000;

    private readonly Counter refused;
    private readonly RateLimitPartitioner partitioner;
    private readonly ILogger<RateLimitRefusals> logger;
    private readonly int permitsPerSecond;
    private readonly int burst;
    private long lastLoggedAt = long.MinValue / 2;
    private long unlogged;

    public RateLimitRefusals(NodeMetrics metrics, RateLimitPartitioner partitioner, Raft3DOptions options, ILogger<RateLimitRefusals> logger)
    {
        refused = Metrics.WithCustomRegistry(metrics.Registry)
            .CreateCounter("raft3d_rate_limited_total", "API requests refused with 429 because their client was over Raft3D:Security:Limits:PermitsPerSecond.");
        this.partitioner = partitioner;
        this.logger = logger;
        permitsPerSecond = options.Security.Limits.PermitsPerSecond;
        burst = options.Security.Limits.Burst;
    }

    public async ValueTask RefuseAsync(OnRejectedContext rejected, CancellationToken token)
    {
        var context = rejected.HttpContext;
        refused.Inc();
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds) : 1;
        retryAfter = Math.Max(retryAfter, 1);
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);

        var client = partitioner.ClientOf(context) ?? "this client";
        Log(context, client);
        await ProblemWriter.WriteAsync(
            context,
            ProblemCatalog.RateLimited,
            string.Create(
                CultureInfo.InvariantCulture,
                $"{client} sent more than {permitsPerSecond} requests per second (bursts of up to {burst}; Raft3D:Security:Limits). Retry after {retryAfter} s; nothing was applied."));
    }

    private void Log(HttpContext context, string client)
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref lastLoggedAt);
        if (now - last < LogIntervalMs || Interlocked.CompareExchange(ref lastLoggedAt, now, last) != last)
        {
            Interlocked.Increment(ref unlogged);
            return;
        }

        logger.LogInformation(
            "Refused {Method} {Path} from {Client} (connected from {Remote}): over its rate limit of {PermitsPerSecond}/s, burst {Burst}; {Unlogged} more refusals since the last such line",
            context.Request.Method,
            context.Request.Path,
            client,
            context.Connection.RemoteIpAddress,
            permitsPerSecond,
            burst,
            Interlocked.Exchange(ref unlogged, 0));
    }
}
