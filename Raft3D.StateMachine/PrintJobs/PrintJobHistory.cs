namespace Raft3D.StateMachine.PrintJobs;

/// <summary>
/// A job's status changes, read from its own fields: a job moves Queued, then Running, then Done or Canceled,
/// at most once each, so three times and three indexes on the job are its whole history.
/// </summary>
public static class PrintJobHistory
{
    public static IReadOnlyList<PrintJobHistoryEntry> Of(PrintJob job)
    {
        var history = new List<PrintJobHistoryEntry>(3) { new(PrintJobStatus.Queued, job.CreatedAt, job.CreatedIndex) };
        if (job.StartedAt is not null || job.StartedIndex > 0 || job.Status == PrintJobStatus.Running || job.Status == PrintJobStatus.Done)
        {
            history.Add(new(PrintJobStatus.Running, job.StartedAt, job.StartedIndex));
        }

        if (job.Status is PrintJobStatus.Done or PrintJobStatus.Canceled)
        {
            history.Add(new(job.Status, job.FinishedAt, job.FinishedIndex));
        }

        return history;
    }
}
