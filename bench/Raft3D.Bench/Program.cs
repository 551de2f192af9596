using System.Globalization;
using Raft3D.Bench;

// Usage: Raft3D.Bench <Raft3D.Node.dll> <work dir> <results file> [--quick] [--events]
// Runs Raft3D, then etcd with its data on disk, then on tmpfs, one after the other, and writes one table.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: Raft3D.Bench NODE_DLL WORK_DIR RESULTS_MD [--quick]");
    return 2;
}

var (nodeDll, work, resultsFile) = (Path.GetFullPath(args[0]), Path.GetFullPath(args[1]), Path.GetFullPath(args[2]));
var settings = args.Contains("--quick") ? BenchSettings.Quick : BenchSettings.Full;
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

void Log(string line) => Console.WriteLine($"{DateTime.Now:HH:mm:ss} {line}");

async Task<Dictionary<string, double>> MeasureAsync(IBenchTarget target, bool failoverAndRecovery)
{
    Log($"== {target.Name}: {target.Durability}");
    await using (target)
    {
        var bench = new Benchmark(target, http, settings, Log);
        await bench.RunAsync(failoverAndRecovery);
        return bench.Results;
    }
}

if (args.Contains("--events"))
{
    // What followers of the event stream cost writers; writes its own small results file beside the main one.
    await using var target = new Raft3DTarget(nodeDll, Path.Combine(work, "raft3d-events"), http);
    var eventsTable = await new EventStreamBenchmark(target, http, settings, Log).RunAsync();
    Console.WriteLine(eventsTable);
    var eventsFile = Path.Combine(Path.GetDirectoryName(resultsFile)!, "EVENTS.md");
    await File.WriteAllTextAsync(eventsFile, $"""
        # Event stream followers vs write throughput

        {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC. Machine: {MachineDescription.Describe(work)}

        Three Raft3D members on loopback; 64 closed-loop clients create printers on the leader for up to
        {(settings.RunTime * 2).TotalSeconds:0} s or {settings.RunRequests} requests per run; 50 streams open on the leader.
        A stream that never reads falls a buffer behind and is dropped (reset first); the writers never wait for it.

        {eventsTable}
        """);
    Log($"wrote {eventsFile}");
    return 0;
}

var raft3d = await MeasureAsync(new Raft3DTarget(nodeDll, Path.Combine(work, "raft3d"), http), failoverAndRecovery: !args.Contains("--only-raft3d"));
if (args.Contains("--only-raft3d"))
{
    // For profiling Raft3D alone; writes no results file.
    return 0;
}

var etcdDisk = await MeasureAsync(new EtcdTarget(Path.Combine(work, "etcd-disk-data"), onTmpfs: false, work, http, portBase: 22379), failoverAndRecovery: true);
var etcdTmpfs = await MeasureAsync(new EtcdTarget($"/dev/shm/raft3d-bench-etcd-{Environment.ProcessId}", onTmpfs: true, work, http, portBase: 23379), failoverAndRecovery: false);

var table = ResultsTable.Render(raft3d, etcdDisk, etcdTmpfs);
Console.WriteLine();
Console.WriteLine(table);
var machine = MachineDescription.Describe(work);
await File.WriteAllTextAsync(resultsFile, $"""
    # Raft3D vs etcd: latest results

    {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC{(settings == BenchSettings.Quick ? " (quick run: short budgets, not for comparison)" : string.Empty)}.
    Machine: {machine}

    Each system is three members on loopback, driven by the same closed-loop load generator (`bench/Raft3D.Bench`,
    one HttpClient) with ~150-byte JSON writes, for up to {settings.RunTime.TotalSeconds:0} s or {settings.RunRequests} requests per row.
    Ratios are Raft3D / etcd: above 1 is better for Raft3D in throughput rows, below 1 is better in latency,
    failover, recovery and memory rows.

    Durability: Raft3D flushes new log entries to disk on a follower before it acknowledges them and on the
    leader before it commits (as shipped). etcd (disk) fsyncs its WAL per batch (its default). etcd (tmpfs) keeps its data in /dev/shm, which removes the fsync cost: an
    upper reference, not a durable configuration. Failover, recovery and memory are measured for etcd on disk only.

    {table}
    """);
Log($"wrote {resultsFile}");
return 0;
