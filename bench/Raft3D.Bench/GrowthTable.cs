using System.Globalization;
using System.Text;

namespace Raft3D.Bench;

/// <summary>The sustained-growth and warm-up table: Raft3D and etcd side by side, ratios where one means something.</summary>
internal static class GrowthTable
{
    public static string Render(GrowthResult raft3d, GrowthResult etcd, BenchSettings settings)
    {
        var window = settings.WindowTime.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.AppendLine("| measure | Raft3D | etcd | Raft3D/etcd |");
        text.AppendLine("|---|---:|---:|---:|");
        Row(text, $"64-client writes to the leader in {window} s windows back to back, from a fresh cluster's first leader (writes/s)", Windows(raft3d.Windows), Windows(etcd.Windows), "–");
        Row(text, "entities after the windows", N(raft3d.Entities), N(etcd.Entities), "–");
        Row(text, "warm-up: first window / median of windows 2–4 (higher is better)", F2(raft3d.WarmUpRatio), F2(etcd.WarmUpRatio), F2(raft3d.WarmUpRatio / etcd.WarmUpRatio));
        Row(text, "growth: last window / best window (higher is better)", F2(raft3d.GrowthRatio), F2(etcd.GrowthRatio), F2(raft3d.GrowthRatio / etcd.GrowthRatio));
        Row(text, "resident memory right after, largest member (MiB, lower is better)", F0(raft3d.LargestResidentMiB), F0(etcd.LargestResidentMiB), F2(raft3d.LargestResidentMiB / etcd.LargestResidentMiB));
        Row(text, "resident memory right after, each member (MiB)", Windows(raft3d.ResidentMiB), Windows(etcd.ResidentMiB), "–");
        Row(text, $"Raft3D only: the windows that went on to {N(settings.LargestEntities)} entities, after the entity table's follower restart (writes/s)", Windows(raft3d.LaterWindows), "–", "–");

        return text.ToString();
    }

    private static void Row(StringBuilder text, string label, string raft3d, string etcd, string ratio)
        => text.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {raft3d} | {etcd} | {ratio} |");

    private static string Windows(IEnumerable<double> values) => string.Join(' ', values.Select(F0));

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F0(double value) => value.ToString("0", CultureInfo.InvariantCulture);

    // A window with no acknowledged write (an election under load) makes a ratio 0/0: say so rather than print NaN.
    private static string F2(double value) => double.IsFinite(value) ? value.ToString("0.00", CultureInfo.InvariantCulture) : "–";
}
