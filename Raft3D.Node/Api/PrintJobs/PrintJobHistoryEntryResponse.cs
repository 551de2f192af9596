using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.Node.Api.PrintJobs;

/// <summary>One status a job took.</summary>
/// <param name="Status">Queued, Running, Done or Canceled.</param>
/// <param name="At">When the leader accepted the change (UTC); null for changes from before times were kept.</param>
/// <param name="LogIndex">The log index of the change; 0 for changes from before the history was kept.</param>
public sealed record PrintJobHistoryEntryResponse(string Status, DateTime? At, long LogIndex)
{
    public static PrintJobHistoryEntryResponse From(PrintJobHistoryEntry entry)
        => new(entry.Status.ToString(), entry.At?.UtcDateTime, entry.Index);
}
