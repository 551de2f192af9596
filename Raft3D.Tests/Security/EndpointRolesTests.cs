using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Security;

/// <summary>
/// Walks every endpoint a running node serves and checks the role it demands, so a new endpoint cannot slip in
/// unprotected and a cluster operation cannot end up open to an operator.
/// </summary>
[TestFixture]
[Category("Integration")]
public sealed class EndpointRolesTests
{
    [Test]
    public async Task EveryEndpointDemandsTheRoleItsKindNeeds()
    {
        var tokens = new TestTokens();
        await using var cluster = await InProcessCluster.StartAsync(size: 1, settings: _ => tokens.Settings(), token: tokens.Admin);
        var app = cluster.App("node1");

        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(endpoint => (Route: "/" + endpoint.RoutePattern.RawText!.TrimStart('/'), Methods: endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"], Policy: PolicyOf(endpoint)))
            .ToList();
        Assert.That(endpoints, Has.Count.GreaterThan(40), "the walk found the node's endpoints");

        foreach (var (route, methods, policy) in endpoints)
        {
            var reads = methods.All(method => method is "GET" or "HEAD");
            var expected = route switch
            {
                "/healthz" or "/readyz" => "anonymous",
                "/metrics" => "viewer",
                "/cluster/backup" => "admin",
                "/cluster/commands" => "peer", // a follower's forwarded commands: members only, each caller judged inside
                _ when route.StartsWith("/cluster", StringComparison.Ordinal) && !reads => "admin",
                _ when reads => "viewer",
                _ => "operator",
            };
            Assert.That(policy, Is.EqualTo(expected), $"{string.Join(",", methods)} {route}");
        }
    }

    private static string PolicyOf(Endpoint endpoint)
        => endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null ? "anonymous"
            : endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>() is { Count: > 0 } authorize ? authorize[^1].Policy ?? "none" : "none";
}
