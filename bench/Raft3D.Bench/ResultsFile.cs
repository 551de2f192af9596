using System.Globalization;

namespace Raft3D.Bench;

/// <summary>bench/RESULTS.md: when, on what machine, how each system was driven and how durable it was, then the three tables.</summary>
internal static class ResultsFile
{
    public static string Render(BenchFigures figures, BenchSettings settings, bool quick, string options, TimeSpan took, string work)
    {
        var row = settings.RowTime.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
        var window = settings.WindowTime.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
        var tmpfs = figures.EtcdTmpfs is null
            ? string.Empty
            : " etcd (tmpfs) keeps its data in /dev/shm, which removes the fsync cost: an upper reference, not a durable configuration.";
        var table = string.Join(", ", figures.Entities.Select(e => e.Entities).Order().Select(e => e.ToString("N0", CultureInfo.InvariantCulture)));
        return $"""
            # Raft3D vs etcd: latest results

            {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, `bench/run.sh {options}`, {took.TotalMinutes:0} min{(quick ? " (quick run: short budgets, not for comparison)" : string.Empty)}.
            Machine: {MachineDescription.Describe(work)}

            Each system is three members on loopback, on a fresh cluster for each table. Every throughput and latency
            figure comes from wrk 4.1 (Debian) with one Lua script for both systems, `bench/wrk/load.lua`: every write
            creates a new entity with an id of its own (Raft3D: `POST /api/v1/printers`, ~150 bytes of JSON; etcd: `POST
            /v3/kv/put` on its v3 JSON gateway, the same id and text base64-encoded), reads ask for {settings.Preload:N0} preloaded ids
            (`GET /api/v1/printers/<id>` and `POST /v3/kv/range`, linearizable by default in both). wrk is closed-loop:
            each connection sends its next request when the answer arrives; 2 threads (1 for a single client), {row} s per
            row. Failover and recovery time single requests around a SIGKILL with the bench's own HttpClient. Every wrk
            command line and its full output is in `bench/out/wrk.log`.
            Ratios are Raft3D / etcd: above 1 is better for Raft3D in throughput rows, below 1 in latency, failover,
            recovery and memory rows. Memory is the resident set (/proc/PID/status) right after the writes.

            Durability: Raft3D flushes new log entries to disk on a follower before it acknowledges them and on the
            leader before it commits (as shipped). etcd fsyncs its WAL per batch (its default).{tmpfs}

            {ResultsTable.Render(figures.Raft3D, figures.EtcdDisk, figures.EtcdTmpfs, settings)}
            ## Sustained growth and warm-up

            A fresh cluster of each system; from the moment it has a leader (no warm-up, no preload) wrk windows of
            {window} s, 64 clients creating entities on the leader, follow each other until the cluster holds
            {settings.GrowthEntities:N0} entities (at least {settings.MinWindows} windows).

            {GrowthTable.Render(figures.Raft3DGrowth, figures.EtcdGrowth, settings)}
            ## Raft3D: cost against the number of printers

            Lines at {table} printers. The two largest come from the growth run's cluster (its windows went on from
            {settings.GrowthEntities:N0} to {settings.LargestEntities:N0}), the smaller ones from a fresh cluster filled by the bench's own generator. Memory is the largest member's resident set right after
            the writes; the snapshot is the newest file in the leader's `snapshots/` folder; its time is the leader's
            `raft3d_snapshot_duration_seconds` (n/a: no snapshot yet, or a build that does not export it); restart is a follower's
            SIGKILL and restart until `GET /api/v1/printers/<id>` (linearizable) answers 200 on it.

            {EntityTable.Render(figures.Entities)}
            """;
    }
}
