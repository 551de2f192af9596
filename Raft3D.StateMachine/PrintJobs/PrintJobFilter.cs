namespace Raft3D.StateMachine.PrintJobs;

/// <summary>Which jobs a list shows; a null field does not filter.</summary>
/// <param name="Unassigned">True: only jobs with no printer. False or null: no filter on that.</param>
public sealed record PrintJobFilter(PrintJobStatus? Status = null, string? PrinterId = null, string? FilamentId = null, bool Unassigned = false)
{
    public bool Matches(PrintJob job)
        => (Status is null || job.Status == Status)
            && (PrinterId is null || string.Equals(job.PrinterId, PrinterId, StringComparison.Ordinal))
            && (FilamentId is null || string.Equals(job.FilamentId, FilamentId, StringComparison.Ordinal))
            && (!Unassigned || job.PrinterId is null);
}
