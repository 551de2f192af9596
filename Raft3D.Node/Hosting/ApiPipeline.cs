using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Rewrite;
using Prometheus;
using Raft3D.Node.Api.Cluster;
using Raft3D.Node.Api.Cors;
using Raft3D.Node.Api.Limits;
using Raft3D.Node.Api.Routing;
using Raft3D.Node.Observability;
using Raft3D.Node.Security;

namespace Raft3D.Node.Hosting;

/// <summary>The API listener's middleware, in order, and its endpoints.</summary>
public static class ApiPipeline
{
    public static void Configure(IApplicationBuilder api)
    {
        api.UseExceptionHandler();
        api.UseStatusCodePages();

        // Before anything can read a body: the API's requests are small, and a larger one is refused unread.
        api.UseMiddleware<RequestBodyLimitMiddleware>();

        // The seeds spelled print jobs /printjobs and /jobs; both still reach /print_jobs. Only those paths meet the
        // rewriter, which otherwise built its context for every request.
        api.UseWhen(
            static context => context.Request.Path.StartsWithSegments("/api/v1/printjobs", StringComparison.OrdinalIgnoreCase)
                || context.Request.Path.StartsWithSegments("/api/v1/jobs", StringComparison.OrdinalIgnoreCase),
            legacy => legacy.UseRewriter(new RewriteOptions().AddRewrite(@"^api/v1/(?:printjobs|jobs)(/.*)?$", "api/v1/print_jobs$1", skipRemainingRules: true)));
        api.UseSwagger();
        api.UseSwaggerUI(ui => ui.DocumentTitle = "Raft3D");

        // The dashboard: index.html at /, its scripts and styles beside it, from wwwroot next to the binary.
        api.UseDefaultFiles();
        api.UseStaticFiles();
        var nodeMetrics = api.ApplicationServices.GetRequiredService<NodeMetrics>();

        // Routing first: the middleware below reads each endpoint's metadata (forward to the leader, linearizable
        // read), and request metrics carry the route template even for requests the middleware answers itself.
        api.UseRouting();
        api.UseHttpMetrics(metrics => metrics.SetMetricFactory(nodeMetrics.Factory));

        // Before forwarding: a browser's preflight is answered here, never sent on to the leader.
        api.UseCors();
        api.UseMiddleware<ForeignOriginWriteGuard>();

        // Before forwarding too: a follower refuses what the caller may not do, and the leader checks the same
        // token again, since the forwarded request carries it.
        api.UseAuthentication();
        api.UseAuthorization();
        api.UseMiddleware<AdminAuditMiddleware>();

        // Per client (token, else address), after authentication so a token's name is known; a no-op while off.
        api.UseRateLimiter();

        api.UseMiddleware<NodeHeadersMiddleware>();
        api.UseMiddleware<LeaderForwardingMiddleware>();
        api.UseMiddleware<LinearizableReadMiddleware>();
        api.UseEndpoints(endpoints =>
        {
            endpoints.MapControllers();
            CommandBatchEndpoint.Map(endpoints);
            endpoints.MapMetrics("/metrics", nodeMetrics.Registry).RequireAuthorization(ApiPolicies.Viewer);

            // Served locally by every node, never forwarded: they describe this process.
            // Open even when tokens are required, and never rate limited: load balancers and orchestrators probe
            // them without credentials, and a probe refused 429 would take a healthy node out of rotation.
            endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = static _ => false, ResponseWriter = HealthResponseWriter.WriteAsync })
                .AllowAnonymous()
                .DisableRateLimiting();
            endpoints.MapHealthChecks("/readyz", new HealthCheckOptions
            {
                Predicate = static check => check.Tags.Contains(ObservabilityServiceCollectionExtensions.ReadyTag),
                ResponseWriter = HealthResponseWriter.WriteAsync,
            }).AllowAnonymous().DisableRateLimiting();
        });
    }
}
