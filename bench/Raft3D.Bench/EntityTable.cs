using System.Globalization;
using System.Text;

namespace Raft3D.Bench;

/// <summary>The entity table: Raft3D's memory, snapshot and restart cost against the number of printers it holds.</summary>
internal static class EntityTable
{
    public static string Render(IEnumerable<EntityRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| printers | resident memory, largest member (MiB) | newest snapshot (MiB) | last snapshot took (s) | restarted follower serves linearizable reads (ms) |");
        text.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var row in rows.OrderBy(r => r.Entities))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Entities:N0} | {row.ResidentMiB:0} | {Snapshot(row)} | {Seconds(row)} | {row.RestartMs:0} |");
        }

        return text.ToString();
    }

    public static string Describe(EntityRow row)
        => string.Create(CultureInfo.InvariantCulture, $"Raft3D at {row.Entities:N0} printers: RSS max {row.ResidentMiB:0} MiB, newest snapshot {Snapshot(row)}{(row.SnapshotBytes is null ? string.Empty : " MiB")}, last snapshot took {Seconds(row)}{(row.SnapshotSeconds is null ? string.Empty : " s")}, restarted follower serves after {row.RestartMs:0} ms");

    private static string Snapshot(EntityRow row)
        => row.SnapshotBytes is { } bytes ? (bytes / 1024.0 / 1024.0).ToString("0.00", CultureInfo.InvariantCulture) : "none yet";

    private static string Seconds(EntityRow row)
        => row.SnapshotSeconds is { } seconds ? seconds.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
}
