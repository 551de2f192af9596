using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Raft3D.Node.Configuration;

namespace Raft3D.Node.Api.Limits;

/// <summary>The rate limiter, per client; no limiter at all while Raft3D:Security:Limits:PermitsPerSecond is 0.</summary>
public static class LimitsServiceCollectionExtensions
{
    public static IServiceCollection AddRaft3DLimits(this IServiceCollection services, Raft3DOptions options)
    {
        services.AddSingleton<RateLimitPartitioner>();
        services.AddSingleton<RateLimitRefusals>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<RateLimitRefusals>((limiter, refusals) =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = refusals.RefuseAsync;
        });

        if (options.Security.Limits.PermitsPerSecond > 0)
        {
            // A singleton, so the container disposes the limiter (and its refill timer) with the node.
            services.AddSingleton(provider => provider.GetRequiredService<RateLimitPartitioner>().CreateLimiter());
            services.AddOptions<RateLimiterOptions>().Configure<PartitionedRateLimiter<HttpContext>>((limiter, perClient) => limiter.GlobalLimiter = perClient);
        }

        return services;
    }
}
