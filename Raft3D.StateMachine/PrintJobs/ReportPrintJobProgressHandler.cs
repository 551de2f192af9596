using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.StateMachine.PrintJobs;

internal static class ReportPrintJobProgressHandler
{
    public static CommandOutcome Apply(FarmState state, ReportPrintJobProgress command)
    {
        if (state.PrintJobs.Find(command.JobId) is not { } job)
        {
            return CommandOutcome.Rejected(ErrorCodes.NotFound, $"Print job '{command.JobId}' does not exist.");
        }

        if (job.Status != PrintJobStatus.Running)
        {
            return CommandOutcome.Rejected(ErrorCodes.JobNotRunning, $"Print job '{job.Id}' is {job.Status}; progress is reported only while it is Running.");
        }

        // A lower value is a late or reordered report: ignoring it keeps progress monotonic whatever the network
        // did, and a retry (even under a stale If-Match) is answered as the first try was.
        if (command.Percent <= job.ProgressPercent)
        {
            return CommandOutcome.Unchanged(job);
        }

        return VersionCheck.Refuse(command, job.Version, $"Print job '{job.Id}'")
            ?? CommandOutcome.Updated(state.ReplaceJob(job with { ProgressPercent = command.Percent }));
    }
}
