using Raft3D.Node.Api.Versions;
using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.Node.Api.PrintJobs;

/// <summary>A print job and where it is in its life cycle.</summary>
/// <param name="PrinterId">Its printer; null while it waits in the farm's unassigned queue.</param>
/// <param name="QueuePosition">While Queued, its place in its queue (1 starts next); otherwise null.</param>
/// <param name="ProgressPercent">0 to 100, reported while Running; never goes back; 100 once Done.</param>
/// <param name="CreatedAt">When the leader accepted it (UTC); null for jobs created before times were kept.</param>
/// <param name="StartedAt">When it became Running (UTC).</param>
/// <param name="FinishedAt">When it became Done or Canceled (UTC).</param>
/// <param name="Version">The log index of its last change; its ETag. Send it back in If-Match to make a change safe.</param>
/// <param name="ActualWeightInGrams">What the print really used, if Done reported it; consumed instead of print_weight_in_grams.</param>
public sealed record PrintJobResponse(
    string Id,
    string? PrinterId,
    string FilamentId,
    string Filepath,
    decimal PrintWeightInGrams,
    string Status,
    int? QueuePosition,
    int ProgressPercent,
    DateTime? CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    long Version,
    decimal? ActualWeightInGrams) : IVersionedResponse
{
    public static PrintJobResponse From(PrintJobView view)
    {
        var job = view.Job;
        return new(
            job.Id,
            job.PrinterId,
            job.FilamentId,
            job.Filepath,
            job.PrintWeightInGrams,
            job.Status.ToString(),
            view.QueuePosition,
            job.ProgressPercent,
            job.CreatedAt?.UtcDateTime,
            job.StartedAt?.UtcDateTime,
            job.FinishedAt?.UtcDateTime,
            job.Version,
            job.ActualWeightInGrams);
    }
}
