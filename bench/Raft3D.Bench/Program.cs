using System.Diagnostics;
using System.Globalization;
using Raft3D.Bench;

// Usage: Raft3D.Bench <Raft3D.Node.dll> <wrk script> <work dir> <results file> [--quick] [--tmpfs] [--only-raft3d] [--events]
// Each system in turn on fresh clusters: the comparison rows, then the sustained-growth run, then Raft3D's entity table.
if (args.Length < 4)
{
    Console.Error.WriteLine("usage: Raft3D.Bench NODE_DLL WRK_SCRIPT WORK_DIR RESULTS_MD [--quick] [--tmpfs] [--only-raft3d] [--events]");
    return 2;
}

var (nodeDll, wrkScript, work, resultsFile) = (Path.GetFullPath(args[0]), Path.GetFullPath(args[1]), Path.GetFullPath(args[2]), Path.GetFullPath(args[3]));
var quick = args.Contains("--quick");
var settings = quick ? BenchSettings.Quick : BenchSettings.Full;
var clock = Stopwatch.StartNew();
Directory.CreateDirectory(work);
using var http = new HttpClient(new SocketsHttpHandler
{
    UseProxy = false,
    MaxConnectionsPerServer = 256,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
})
{
    Timeout = TimeSpan.FromSeconds(10),
};
var wrk = new WrkRunner(wrkScript, work);
var etcdPorts = 22379 + BenchSettings.PortOffset;

void Log(string line) => Console.WriteLine($"{DateTime.Now:HH:mm:ss} {line}");

Raft3DTarget Raft3D(string folder) => new(nodeDll, Path.Combine(work, folder), http);

async Task<Dictionary<string, double>> MeasureAsync(IBenchTarget target, bool failoverAndRecovery)
{
    Log($"== {target.Name}: {target.Durability}");
    await using (target)
    {
        var bench = new Benchmark(target, http, wrk, settings, Log);
        await bench.RunAsync(failoverAndRecovery);
        return bench.Results;
    }
}

if (args.Contains("--events"))
{
    // What followers of the event stream cost writers; writes its own small results file beside the main one.
    await using var target = Raft3D("raft3d-events");
    var eventsTable = await new EventStreamBenchmark(target, http, settings, Log).RunAsync();
    Console.WriteLine(eventsTable);
    var eventsFile = Path.Combine(Path.GetDirectoryName(resultsFile)!, "EVENTS.md");
    await File.WriteAllTextAsync(eventsFile, $"""
        # Event stream followers vs write throughput

        {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC. Machine: {MachineDescription.Describe(work)}

        Three Raft3D members on loopback; 64 closed-loop clients create printers on the leader for up to
        {settings.WindowTime.TotalSeconds:0} s or {settings.RunRequests} requests per run; 50 streams open on the leader.
        A stream that never reads falls a buffer behind and is dropped (reset first); the writers never wait for it.

        {eventsTable}
        """);
    Log($"wrote {eventsFile}");
    return 0;
}

var raft3d = await MeasureAsync(Raft3D("raft3d"), failoverAndRecovery: !args.Contains("--only-raft3d"));
if (args.Contains("--only-raft3d"))
{
    // For profiling Raft3D alone; writes no results file.
    return 0;
}

var etcdDisk = await MeasureAsync(new EtcdTarget(Path.Combine(work, "etcd-disk-data"), onTmpfs: false, work, http, etcdPorts), failoverAndRecovery: true);
var etcdTmpfs = args.Contains("--tmpfs")
    ? await MeasureAsync(new EtcdTarget($"/dev/shm/raft3d-bench-etcd-{Environment.ProcessId}", onTmpfs: true, work, http, etcdPorts + 1000), failoverAndRecovery: false)
    : null;

// Sustained growth on fresh clusters; Raft3D's growth cluster also gives the entity table its larger lines.
var entityRows = new List<EntityRow>();
GrowthResult raft3dGrowth;
await using (var target = Raft3D("raft3d-growth"))
{
    Log($"== Raft3D growth to {settings.GrowthEntities:N0} entities");
    var growth = new GrowthBenchmark(target, http, wrk, settings, Log);
    raft3dGrowth = await growth.RunAsync();
    var checkpoint = new EntityCheckpoint(target, http);
    entityRows.Add(await checkpoint.MeasureAsync());
    Log(EntityTable.Describe(entityRows[^1]));
    Log($"== Raft3D growth on to {settings.LargestEntities:N0} entities");
    raft3dGrowth = raft3dGrowth with { LaterWindows = await growth.GrowAsync(settings.LargestEntities) };
    entityRows.Add(await checkpoint.MeasureAsync());
    Log(EntityTable.Describe(entityRows[^1]));
}

GrowthResult etcdGrowth;
await using (var target = new EtcdTarget(Path.Combine(work, "etcd-growth-data"), onTmpfs: false, work, http, etcdPorts))
{
    Log($"== etcd growth to {settings.GrowthEntities:N0} entities");
    etcdGrowth = await new GrowthBenchmark(target, http, wrk, settings, Log).RunAsync();
}

await using (var target = Raft3D("raft3d-entities"))
{
    Log($"== Raft3D entity table: {string.Join(", ", settings.TableEntities.Select(e => e.ToString("N0", CultureInfo.InvariantCulture)))}");
    entityRows.AddRange(await new EntityTableBenchmark(target, http, settings, Log).RunAsync());
}

var results = ResultsFile.Render(new BenchFigures(raft3d, etcdDisk, etcdTmpfs, raft3dGrowth, etcdGrowth, entityRows), settings, quick, string.Join(' ', args.Skip(4)), clock.Elapsed, work);
Console.WriteLine();
Console.WriteLine(results);
await File.WriteAllTextAsync(resultsFile, results);
Log($"wrote {resultsFile} after {clock.Elapsed.TotalMinutes:0.0} min");
return 0;
