using System.Globalization;
using System.Text;

namespace Raft3D.Bench;

/// <summary>
/// The comparison table: each figure for Raft3D and for etcd on disk with the ratio Raft3D/etcd, and with
/// <c>--tmpfs</c> two more columns for etcd on /dev/shm.
/// </summary>
internal static class ResultsTable
{
    public static string Render(IReadOnlyDictionary<string, double> raft3d, IReadOnlyDictionary<string, double> etcdDisk, IReadOnlyDictionary<string, double>? etcdTmpfs, BenchSettings settings)
    {
        var text = new StringBuilder();
        text.AppendLine(etcdTmpfs is null
            ? "| measure | Raft3D | etcd | Raft3D/etcd |\n|---|---:|---:|---:|"
            : "| measure | Raft3D | etcd | Raft3D/etcd | etcd (tmpfs) | Raft3D/etcd (tmpfs) |\n|---|---:|---:|---:|---:|---:|");
        foreach (var (key, label) in Rows(settings))
        {
            if (!raft3d.ContainsKey(key) && !etcdDisk.ContainsKey(key))
            {
                continue;
            }

            text.Append(CultureInfo.InvariantCulture, $"| {label} | {Cell(raft3d, key)} | {Cell(etcdDisk, key)} | {Ratio(raft3d, etcdDisk, key)} |");
            text.AppendLine(etcdTmpfs is null ? string.Empty : $" {Cell(etcdTmpfs, key)} | {Ratio(raft3d, etcdTmpfs, key)} |");
        }

        return text.ToString();
    }

    private static List<(string Key, string Label)> Rows(BenchSettings settings)
    {
        var rows = new List<(string, string)>();
        foreach (var (kind, name) in new[] { ("write_leader", "writes to the leader"), ("write_follower", "writes through a follower"), ("read_leader", "linearizable reads on the leader"), ("read_follower", "linearizable reads on a follower") })
        {
            foreach (var c in BenchSettings.Concurrency)
            {
                rows.Add(($"{kind}_c{c}_rps", $"{name}, {Clients(c)} (req/s)"));
            }
        }

        foreach (var c in BenchSettings.MixedConcurrency)
        {
            rows.Add(($"mixed_c{c}_rps", $"mixed 90% reads / 10% writes, one wrk per member, {Clients(c)} in all (req/s)"));
        }

        rows.Add(("own_write_leader_c64_rps", "cross-check, not wrk: writes to the leader, 64 clients, the bench's own HttpClient generator (req/s)"));
        rows.Add(("write_leader_c1_p50", "write to the leader, 1 client: p50 latency (ms, lower is better)"));
        rows.Add(("write_leader_c1_p99", "write to the leader, 1 client: p99 latency (ms, lower is better)"));
        rows.Add(("write_leader_c1_p999", "write to the leader, 1 client: p99.9 latency (ms, lower is better)"));
        rows.Add(("write_leader_c64_p99", "write to the leader, 64 clients: p99 latency (ms, lower is better)"));
        rows.Add(("write_follower_c64_p99", "write through a follower, 64 clients: p99 latency (ms, lower is better)"));
        rows.Add(("read_follower_c64_p99", "linearizable read on a follower, 64 clients: p99 latency (ms, lower is better)"));
        rows.Add(("failover_median_ms", $"failover: SIGKILL of the leader to first acknowledged write, median of {settings.FailoverTrials} (ms, lower is better)"));
        rows.Add(("failover_worst_ms", $"failover, worst of {settings.FailoverTrials} (ms, lower is better)"));
        rows.Add(("recovery_ms", $"restarted member serves linearizable reads, after {settings.RecoveryEntities:N0} writes (ms, lower is better)"));
        rows.Add(("rss_max_mib", $"resident memory after {settings.RecoveryEntities:N0} entities, largest member (MiB, lower is better)"));
        return rows;
    }

    private static string Clients(int c) => c == 1 ? "1 client" : $"{c} clients";

    private static string Cell(IReadOnlyDictionary<string, double> results, string key)
        => results.TryGetValue(key, out var value) && double.IsFinite(value) ? value.ToString(value >= 100 ? "0" : value >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture) : "–";

    private static string Ratio(IReadOnlyDictionary<string, double> raft3d, IReadOnlyDictionary<string, double> etcd, string key)
        => raft3d.TryGetValue(key, out var a) && etcd.TryGetValue(key, out var b) && b > 0 && double.IsFinite(a / b) ? (a / b).ToString("0.00", CultureInfo.InvariantCulture) : "–";
}
