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
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

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
            .WithOrigins([.. urls.SelectMany(OriginsOf).Distinct(StringComparer.OrdinalIgnoreCase)])
            .AllowAnyHeader()
            .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Patch, HttpMethods.Put, HttpMethods.Delete)
            .WithExposedHeaders("ETag", "Location", "Link", "X-Total-Count", "Retry-After", IdempotencyHeaders.Key, IdempotencyHeaders.Replayed, NodeHeaders.ServedBy, NodeHeaders.Leader, NodeHeaders.Term)
            .Build();
        cached = (Environment.TickCount64 + (long)MembersKeptFor.TotalMilliseconds, policy);
        return policy;
    }

    /// <summary>
    /// The member's origin; for a member on loopback, every spelling of loopback with its port, since a person
    /// opens http://localhost:8080/ as readily as the configured http://127.0.0.1:8080/, and only this machine
    /// can reach either.
    /// </summary>
    private static IEnumerable<string> OriginsOf(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return [];
        }

        return uri.IsLoopback
            ? LoopbackHosts.Select(host => $"{uri.Scheme}://{host}:{uri.Port}")
            : [uri.GetLeftPart(UriPartial.Authority)];
    }
}
