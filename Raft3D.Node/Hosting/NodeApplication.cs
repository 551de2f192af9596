using System.Text.Json;
using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.Http;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Rewrite;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Prometheus;
using Raft3D.Node.Cluster;
using Raft3D.Node.Configuration;
using Raft3D.Node.Forwarding;
using Raft3D.Node.Membership;
using Raft3D.Node.Observability;
using Raft3D.Node.Problems;
using Raft3D.Node.Reads;
using Raft3D.Node.Store;
using Raft3D.StateMachine;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Hosting;

/// <summary>
/// Builds a node: one Kestrel with two listeners, the raft one serving only DotNext's consensus protocol and
/// the API one serving controllers, Swagger and the middleware. Program.cs and the in-process tests both use it.
/// </summary>
public static class NodeApplication
{
    private const string ReadyTag = "ready";

    /// <param name="args">Command-line configuration, e.g. <c>--Raft3D:NodeId=node1</c>.</param>
    /// <param name="contentRoot">Where appsettings.json is read from; the binary's folder by default.</param>
    /// <exception cref="InvalidConfigurationException">The configuration cannot run a node.</exception>
    /// <param name="ownsProcess">
    /// True for a node that is the whole process (Program.cs): it may point the process's temp folder into
    /// its data directory. False for nodes hosted side by side in tests.
    /// </param>
    public static async Task<WebApplication> BuildAsync(string[] args, string? contentRoot = null, bool ownsProcess = false, CancellationToken token = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = contentRoot ?? AppContext.BaseDirectory,
        });

        var options = builder.Configuration.GetSection(Raft3DOptions.SectionName).Get<Raft3DOptions>() ?? new Raft3DOptions();
        Raft3DOptionsValidator.Validate(options);
        ExistingLogCheck.EnsureChunkSizeMatches(options);
        var apiUri = new Uri(options.HttpUrl);
        var raftUri = new Uri(options.RaftUrl);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            Listen(kestrel, apiUri, HttpProtocols.Http1);

            // Cleartext HTTP/2 needs prior knowledge, so the raft listener speaks only the protocol peers use.
            Listen(kestrel, raftUri, options.RaftHttp2 ? HttpProtocols.Http2 : HttpProtocols.Http1);
        });

        NodeLogging.Configure(builder.Logging, builder.Configuration.GetSection("Logging:LogLevel"), options);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<NodeMetrics>();
        builder.Services.AddHostedService<ClusterEventsService>();
        builder.Services.AddHealthChecks().AddCheck<RaftReadinessCheck>("raft", tags: [ReadyTag]);
        builder.Services.AddSingleton<LeaderTerm>();
        builder.Services.AddHostedService(static provider => provider.GetRequiredService<LeaderTerm>());
        builder.Services.AddRaft3DConsensus(options);
        builder.Services.AddSingleton<IFarmStore, RaftFarmStore>();
        builder.Services.AddHttpForwarder();
        builder.Services.AddSingleton<LeaderForwardingClient>();
        builder.Services.AddSingleton<LeaderReadIndex>();
        builder.Services.AddSingleton<LinearizableReads>();
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = ProblemCatalog.AddMissingCode);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddRouting();
        builder.Services
            .AddControllers()
            // Named explicitly: in-process tests host the node from another entry assembly.
            .AddApplicationPart(typeof(NodeApplication).Assembly)
            .AddJsonOptions(json =>
            {
                json.JsonSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
                json.JsonSerializerOptions.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
            })
            .ConfigureApiBehaviorOptions(api => api.InvalidModelStateResponseFactory = InvalidBody);
        builder.Services.AddRaft3DSwagger();

        // DotNext writes a snapshot to the temp folder, then moves it into place. On the data directory's own
        // file system that move is an atomic rename; across file systems it is a copy a crash can tear.
        if (ownsProcess)
        {
            var scratch = Path.Combine(Path.GetFullPath(options.DataDirectory), "tmp");
            Directory.CreateDirectory(scratch);
            Environment.SetEnvironmentVariable("TMPDIR", scratch);
        }

        var app = builder.Build();
        if (!string.IsNullOrWhiteSpace(options.RestoreFrom))
        {
            BackupRestorer.RestoreInto(options.RestoreFrom, Path.GetFullPath(options.DataDirectory), app.Logger);
        }

        try
        {
            // Before anything resolves IRaftCluster: the log must be opened over the restored snapshot,
            // or it would replay every entry from the start.
            await app.RestoreStateAsync<FarmStateMachine>(token);
            await app.Services.GetRequiredService<MembershipSeeder>().SeedAsync(token);
        }
        catch (InvalidDataException e)
        {
            await app.DisposeAsync();
            throw new InvalidConfigurationException(e.Message);
        }

        var raftPort = raftUri.Port;
        app.MapWhen(context => context.Connection.LocalPort == raftPort, raft => raft.UseConsensusProtocolHandler());
        app.MapWhen(context => context.Connection.LocalPort != raftPort, ConfigureApi);
        return app;
    }

    private static void ConfigureApi(IApplicationBuilder api)
    {
        api.UseExceptionHandler();
        api.UseStatusCodePages();

        // The seeds spelled print jobs /printjobs and /jobs; both still reach /print_jobs.
        api.UseRewriter(new RewriteOptions().AddRewrite(@"^api/v1/(?:printjobs|jobs)(/.*)?$", "api/v1/print_jobs$1", skipRemainingRules: true));
        api.UseSwagger();
        api.UseSwaggerUI(ui => ui.DocumentTitle = "Raft3D");
        var registry = api.ApplicationServices.GetRequiredService<NodeMetrics>().Registry;

        // Routing first, so request metrics carry the route template even for requests the middleware
        // below answers itself (forwarded writes, 503s).
        api.UseRouting();
        api.UseHttpMetrics(metrics => metrics.SetMetricFactory(Metrics.WithCustomRegistry(registry)));
        api.UseMiddleware<NodeHeadersMiddleware>();
        api.UseMiddleware<LeaderForwardingMiddleware>();
        api.UseMiddleware<LinearizableReadMiddleware>();
        api.UseEndpoints(endpoints =>
        {
            endpoints.MapGet("/", () => Results.Redirect("/swagger")).ExcludeFromDescription();
            endpoints.MapControllers();
            endpoints.MapMetrics("/metrics", registry);

            // Served locally by every node, never forwarded: they describe this process.
            endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = static _ => false, ResponseWriter = HealthResponseWriter.WriteAsync });
            endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = static c => c.Tags.Contains(ReadyTag), ResponseWriter = HealthResponseWriter.WriteAsync });
        });
    }

    private static void Listen(KestrelServerOptions kestrel, Uri uri, HttpProtocols protocols)
    {
        void Configure(ListenOptions listen) => listen.Protocols = protocols;
        if (uri.IsLoopback && uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(uri.Port, Configure);
        }
        else if (System.Net.IPAddress.TryParse(uri.Host, out var address))
        {
            kestrel.Listen(address, uri.Port, Configure);
        }
        else
        {
            kestrel.ListenAnyIP(uri.Port, Configure);
        }
    }

    private static ObjectResult InvalidBody(ActionContext context)
    {
        var errors = context.ModelState
            .Where(entry => entry.Value is { Errors.Count: > 0 })
            .SelectMany(entry => entry.Value!.Errors.Select(error => (Key: entry.Key, Error: error)))
            .ToList();

        // A body that failed to parse also reports the parameter as missing; the parse error is the useful one.
        var parseErrors = errors.Where(e => e.Key.StartsWith('$')).Select(e => Describe(e.Key, e.Error.ErrorMessage)).Distinct().ToList();
        var problems = parseErrors.Count > 0 ? parseErrors : ["A JSON body is required."];
        var problem = ProblemCatalog.Create(ErrorCodes.ValidationFailed, string.Join(" ", problems), context.HttpContext.Request.Path);
        problem.Extensions["errors"] = problems;
        return new ObjectResult(problem) { StatusCode = problem.Status, ContentTypes = { "application/problem+json" } };

        static string Describe(string key, string message)
        {
            var field = key.TrimStart('$', '.');
            if (message.Contains("could not be converted", StringComparison.Ordinal) && field.Length > 0)
            {
                return $"{field} has the wrong type (weights are JSON numbers, other fields strings).";
            }

            var firstSentence = message.Split(" Path:", 2)[0];
            return $"The body is not valid JSON: {firstSentence}";
        }
    }
}
