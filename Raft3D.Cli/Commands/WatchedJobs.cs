using System.Globalization;
using Raft3D.Cli.Output;
using Raft3D.Client;

namespace Raft3D.Cli.Commands;

/// <summary>
/// What jobs watch knows of each job: its status and version. A job's version is the log index of its last change,
/// so a job seen again at a version it already had (an event replayed by the next node, a list reloaded after a
/// reset) is recognised and prints nothing: each creation and status change prints once, whichever way it came.
/// </summary>
internal sealed class WatchedJobs(OutputFormat format)
{
    private readonly Dictionary<string, (string Status, long Version)> known = new(StringComparer.Ordinal);

    public int Count => known.Count;

    /// <summary>The version of the job changed last: every job event after it is news. 0 for no job.</summary>
    public long NewestVersion => known.Count == 0 ? 0 : known.Values.Max(j => j.Version);

    /// <summary>Records <paramref name="job"/>; answers the line to print when it is new or its status changed, else null.</summary>
    /// <param name="rawJson">The job as the API wrote it: the line with <c>-o json</c>.</param>
    public string? Apply(PrintJob job, string rawJson)
    {
        var isKnown = known.TryGetValue(job.Id, out var before);
        if (isKnown && before.Version >= job.Version)
        {
            return null;
        }

        known[job.Id] = (job.Status, job.Version);
        if (isKnown && before.Status == job.Status)
        {
            return null;
        }

        return format == OutputFormat.Json ? rawJson : Describe(job, isKnown ? before.Status : null);
    }

    private static string Describe(PrintJob job, string? before)
    {
        var time = DateTimeOffset.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        return before is null
            ? $"{time} {job.Id} created {job.Status} (printer {job.PrinterId ?? "unassigned"}, filament {job.FilamentId}, {Cells.Grams(job.PrintWeightInGrams)} g, {job.Filepath})"
            : $"{time} {job.Id} {before} -> {job.Status}";
    }
}
