using Raft3D.Node.Api;
using Raft3D.Node.Api.Events;
using Raft3D.Node.Api.Limits;
using Raft3D.Node.Configuration;
using Raft3D.Node.Observability;
using Raft3D.Node.Peers;
using Raft3D.Node.Security;
using Raft3D.Node.Store.Raft;
using Raft3D.Node.Tls;

namespace Raft3D.Node.Hosting;

/// <summary>
/// Builds a node: one Kestrel with two listeners, the raft one serving only DotNext's consensus protocol and
/// the API one serving controllers, Swagger and the middleware. Program.cs and the in-process tests both use it.
/// </summary>
public static class NodeApplication
{
    /// <param name="args">Command-line configuration, e.g. <c>--Raft3D:NodeId=node1</c>.</param>
    /// <param name="contentRoot">Where appsettings.json is read from; the binary's folder by default.</param>
    /// <exception cref="InvalidConfigurationException">The configuration cannot run a node.</exception>
    /// <param name="ownsProcess">
    /// True for a node that is the whole process (Program.cs): it may point the process's temp folder into
    /// its data directory and choose the GC's latency mode (<see cref="BlockingGen2Guard"/>). False for nodes
    /// hosted side by side in tests.
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
        var certificates = NodeCertificates.Load(options);
        StoreStartup.CheckDataDirectory(options);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            KestrelListeners.Configure(kestrel, options, certificates);
            KestrelLimits.Configure(kestrel, options.Security.Limits);
        });
        NodeLogging.Configure(builder.Logging, builder.Configuration.GetSection("Logging:LogLevel"), options);
        AddServices(builder.Services, options, certificates);
        if (ownsProcess)
        {
            KeepTempFilesInDataDirectory(options);
            if (BlockingGen2Guard.Begin())
            {
                builder.Services.AddHostedService<BlockingGen2Guard>();
            }
        }

        var app = builder.Build();
        await StoreStartup.PrepareAsync(app, options, token);

        // WebApplication adds authentication and authorization in front of everything unless the app itself calls
        // them; it cannot see the calls inside the API's branch, and would put the raft port behind the API's
        // policies. These are the flags UseAuthentication and UseAuthorization set when called at the top.
        ((IApplicationBuilder)app).Properties["__AuthenticationMiddlewareSet"] = true;
        ((IApplicationBuilder)app).Properties["__AuthorizationMiddlewareSet"] = true;

        var raftPort = new Uri(options.RaftUrl).Port;
        app.MapWhen(context => context.Connection.LocalPort == raftPort, StoreStartup.ServeConsensusProtocol);
        app.MapWhen(context => context.Connection.LocalPort != raftPort, ApiPipeline.Configure);
        return app;
    }

    private static void AddServices(IServiceCollection services, Raft3DOptions options, NodeCertificates certificates)
    {
        services.AddSingleton(options);
        services.AddSingleton(certificates);
        services.AddRaft3DSecurity(options);

        // Observers first: hosted services start in this order, and they must be listening before the first election.
        services.AddRaft3DObservability();
        services.AddRaft3DPeers();
        services.AddRaft3DStore(options);
        services.AddRaft3DApi();
        services.AddRaft3DLimits(options);
        services.AddRaft3DEvents();
    }

    /// <summary>
    /// DotNext writes a snapshot to the temp folder, then moves it into place. On the data directory's own
    /// file system that move is an atomic rename; across file systems it is a copy a crash can tear.
    /// </summary>
    private static void KeepTempFilesInDataDirectory(Raft3DOptions options)
    {
        var scratch = Path.Combine(Path.GetFullPath(options.DataDirectory), "tmp");
        Directory.CreateDirectory(scratch);
        Environment.SetEnvironmentVariable("TMPDIR", scratch);
    }
}
