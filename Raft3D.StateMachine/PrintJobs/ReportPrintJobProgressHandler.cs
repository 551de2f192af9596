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

        if (VersionCheck.Refuse(command, job.Version, $"Print job '{job.Id}'") is { } stale)
        {
            return stale;
        }

        if (job.Status != PrintJobStatus.Running)
        {
            return CommandOutcome.Rejected(ErrorCodes.JobNotRunning, $"Print job '{job.Id}' is {job.Status}; progress is reported only while it is Running.");
        }

        // A lower value is a late or reordered report: ignoring it keeps progress monotonic whatever the network did.
        return command.Percent <= job.ProgressPercent
            ? CommandOutcome.Unchanged(job)
            : CommandOutcome.Updated(state.ReplaceJob(job with { ProgressPercent = command.Percent }));
    }
}
