using Microsoft.AspNetCore.Cors.Infrastructure;
using Raft3D.Node.Api.Idempotency;
using Raft3D.Node.Api.Routing;
using Raft3D.Node.Configuration;
using Raft3D.Node.Store;

namespace Raft3D.Node.Api.Cors;

/// <summary>
/// Lets a page served by one member call the API of another: the dashboard moves to another node when its own
/// dies. Only members' own origins are allowed (the configured ones and those in the current configuration), so
/// an unrelated site open in the same browser cannot drive the farm's API.
/// </summary>
public sealed class MemberOriginsCorsPolicyProvider(Raft3DOptions options, IFarmStore store) : ICorsPolicyProvider
{
    private static readonly TimeSpan MembersKeptFor = TimeSpan.FromSeconds(10);

    private (long Until, CorsPolicy Policy)? cached;

    public async Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        if (cached is { } kept && kept.Until > Environment.TickCount64)
        {
            return kept.Policy;
        }

        var urls = options.Members.Select(m => m.Http).Append(options.HttpUrl).ToList();
        try
        {
            urls.AddRange((await store.ListMembersAsync(context.RequestAborted)).Select(m => m.Address.ApiUrl ?? string.Empty));
        }
        catch (ClusterUnavailableException)
        {
            // The configured members still apply.
        }

        var policy = new CorsPolicyBuilder()
            .WithOrigins([.. urls.Select(OriginOf).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)])
            .AllowAnyHeader()
            .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Patch, HttpMethods.Put, HttpMethods.Delete)
            .WithExposedHeaders("ETag", "Location", "Link", "X-Total-Count", "Retry-After", IdempotencyHeaders.Key, IdempotencyHeaders.Replayed, NodeHeaders.ServedBy, NodeHeaders.Leader, NodeHeaders.Term)
            .Build();
        cached = (Environment.TickCount64 + (long)MembersKeptFor.TotalMilliseconds, policy);
        return policy;
    }

    private static string? OriginOf(string url)
        => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
}
