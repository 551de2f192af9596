// Usage: Raft3D.Floor <port> <data directory> <port of member 1> <port of member 2> <port of member 3>
using DotNext.IO.Log;
using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.Http;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Microsoft.AspNetCore.Connections;
using Raft3D.Floor;
using Raft3D.Node.Store.Consensus;

var port = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
var location = Path.GetFullPath(args[1]);
var builder = WebApplication.CreateBuilder();
builder.Logging.ClearProviders();
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["lowerElectionTimeout"] = "250",
    ["upperElectionTimeout"] = "500",
    ["publicEndPoint"] = $"http://127.0.0.1:{port}/",
    ["coldStart"] = "false",
});
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(port));
builder.Services
    .UseInMemoryConfigurationStorage(members =>
    {
        foreach (var member in args[2..])
        {
            members.Add(new UriEndPoint(new Uri($"http://127.0.0.1:{member}/")));
        }
    })
    .AddSingleton(new CounterStateMachine(new DirectoryInfo(Path.Combine(location, "snapshots"))))
    .AddSingleton<IStateMachine>(static provider => provider.GetRequiredService<CounterStateMachine>())
    .AddSingleton(provider => new FlushedAppendLog(new WriteAheadLog.Options { Location = Path.Combine(location, "wal") }, provider.GetRequiredService<IStateMachine>()))
    .AddSingleton<IPersistentState>(static provider => provider.GetRequiredService<FlushedAppendLog>())
    .AddSingleton<IAuditTrail<IRaftLogEntry>>(static provider => provider.GetRequiredService<IPersistentState>())
    .AddControllers();
builder.JoinCluster();

await using var app = builder.Build();
await app.RestoreStateAsync<CounterStateMachine>(CancellationToken.None);
app.UseConsensusProtocolHandler();
app.MapControllers();
await app.RunAsync();
