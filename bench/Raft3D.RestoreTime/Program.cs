using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Raft3D.Bench.Shared;
using Raft3D.StateMachine;
using Raft3D.StateMachine.Snapshots;

// Usage: Raft3D.RestoreTime [ROWS...]
// For each farm size (default 100,000, 500,000 and 1,000,000 printers shaped like the bench's writes): builds the
// farm, writes its snapshot the way a node streams it, and reads it back into an empty FarmState four times. The
// first read of the first size is the reader's first run (building the farm has run the code they share); the rest
// show it warm. Collections block as in a node that has just started (BlockingGen2Guard), and the pause they took is
// printed beside each read.
var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [100_000, 500_000, 1_000_000];
GCSettings.LatencyMode = GCLatencyMode.Batch;

Console.WriteLine("| printers | snapshot (MiB) | write (ms) | first read (ms) | later reads (ms) | collections' pause in reads (ms) |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
foreach (var rows in sizes)
{
    var bytes = Snapshot(Farm(rows), out var writeTime);
    var reads = new List<(TimeSpan Took, TimeSpan Paused)>();
    for (var read = 0; read < 4; read++)
    {
        var pausedBefore = GC.GetTotalPauseDuration();
        var started = Stopwatch.GetTimestamp();
        FarmSnapshotCodec.Read(bytes, new FarmState(), snapshotIndex: rows);
        reads.Add((Stopwatch.GetElapsedTime(started), GC.GetTotalPauseDuration() - pausedBefore));
    }

    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"| {rows:N0} | {bytes.Length / 1048576.0:F1} | {writeTime.TotalMilliseconds:F0} | {reads[0].Took.TotalMilliseconds:F0} | {string.Join(" / ", reads.Skip(1).Select(r => r.Took.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)))} | {string.Join(" / ", reads.Select(r => r.Paused.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)))} |"));
}

FarmState Farm(int rows)
{
    var state = new FarmState();
    for (var i = 0; i < rows; i++)
    {
        var outcome = state.Apply(BenchPrinters.Create(i));
        if (outcome.Error is { } error)
        {
            throw new InvalidOperationException($"printer {i} was refused: {error.Code} {error.Detail}");
        }
    }

    return state;
}

// The pieces a node streams to its snapshot file, gathered into one array here to be read back.
static byte[] Snapshot(FarmState state, out TimeSpan took)
{
    var started = Stopwatch.GetTimestamp();
    var pieces = FarmSnapshotCodec.Chunks(state).Select(static chunk => chunk.ToArray()).ToList();
    took = Stopwatch.GetElapsedTime(started);
    return [.. pieces.SelectMany(static piece => piece)];
}
