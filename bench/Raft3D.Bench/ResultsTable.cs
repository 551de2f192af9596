using System.Globalization;
using System.Text;

namespace Raft3D.Bench;

/// <summary>One table: each figure for Raft3D, for etcd on disk and on tmpfs, and the ratio Raft3D/etcd.</summary>
internal static class ResultsTable
{
    private static readonly (string Key, string Label)[] Rows = BuildRows();

    public static string Render(IReadOnlyDictionary<string, double> raft3d, IReadOnlyDictionary<string, double> etcdDisk, IReadOnlyDictionary<string, double> etcdTmpfs)
    {
        var text = new StringBuilder();
        text.AppendLine("| measure | Raft3D | etcd (disk) | Raft3D/etcd (disk) | etcd (tmpfs) | Raft3D/etcd (tmpfs) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (key, label) in Rows)
        {
            if (!raft3d.ContainsKey(key) && !etcdDisk.ContainsKey(key))
            {
                continue;
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {Cell(raft3d, key)} | {Cell(etcdDisk, key)} | {Ratio(raft3d, etcdDisk, key)} | {Cell(etcdTmpfs, key)} | {Ratio(raft3d, etcdTmpfs, key)} |");
        }

        return text.ToString();
    }

    private static (string, string)[] BuildRows()
    {
        var rows = new List<(string, string)>();
        foreach (var (kind, name) in new[] { ("write_leader", "writes to the leader"), ("write_follower", "writes to a follower"), ("read_leader", "linearizable reads on the leader"), ("read_follower", "linearizable reads on a follower"), ("mixed", "mixed 90% reads / 10% writes, all members") })
        {
            foreach (var c in BenchSettings.Concurrency)
            {
                rows.Add(($"{kind}_c{c}_rps", $"{name}, concurrency {c} (req/s)"));
            }
        }

        foreach (var c in BenchSettings.Concurrency)
        {
            rows.Add(($"write_leader_c{c}_p99", $"write p99 latency, concurrency {c} (ms, lower is better)"));
        }

        rows.Add(("read_follower_c64_p99", "follower read p99 latency, concurrency 64 (ms, lower is better)"));
        rows.Add(("failover_median_ms", "failover: SIGKILL of the leader to first acknowledged write, median of 10 (ms, lower is better)"));
        rows.Add(("failover_worst_ms", "failover, worst of 10 (ms, lower is better)"));
        rows.Add(("recovery_ms", "restarted member serves linearizable reads, after 100,000 writes (ms, lower is better)"));
        rows.Add(("rss_max_mib", "resident memory per member after 100,000 entities, largest (MiB, lower is better)"));
        return [.. rows];
    }

    private static string Cell(IReadOnlyDictionary<string, double> results, string key)
        => results.TryGetValue(key, out var value) ? value.ToString(value >= 100 ? "0" : "0.0", CultureInfo.InvariantCulture) : "–";

    private static string Ratio(IReadOnlyDictionary<string, double> raft3d, IReadOnlyDictionary<string, double> etcd, string key)
        => raft3d.TryGetValue(key, out var a) && etcd.TryGetValue(key, out var b) && b > 0 ? (a / b).ToString("0.00", CultureInfo.InvariantCulture) : "–";
}
