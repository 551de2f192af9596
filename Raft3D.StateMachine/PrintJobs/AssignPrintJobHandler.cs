using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.StateMachine.PrintJobs;

internal static class AssignPrintJobHandler
{
    public static CommandOutcome Apply(FarmState state, AssignPrintJob command)
    {
        if (state.PrintJobs.Find(command.JobId) is not { } job)
        {
            return CommandOutcome.Rejected(ErrorCodes.NotFound, $"Print job '{command.JobId}' does not exist.");
        }

        if (job.Status != PrintJobStatus.Queued)
        {
            return CommandOutcome.Rejected(ErrorCodes.JobNotQueued, $"Print job '{job.Id}' is {job.Status}; only a Queued job can be assigned.");
        }

        // Already there: it keeps its place rather than going to the back of its own queue, and a retry (even
        // under a stale If-Match) is answered as the first try was.
        if (string.Equals(job.PrinterId, command.PrinterId, StringComparison.Ordinal))
        {
            return CommandOutcome.Unchanged(job);
        }

        if (VersionCheck.Refuse(command, job.Version, $"Print job '{job.Id}'") is { } stale)
        {
            return stale;
        }

        if (state.LivePrinter(command.PrinterId) is not { } printer)
        {
            return CommandOutcome.Rejected(ErrorCodes.UnknownReference, $"Printer '{command.PrinterId}' does not exist.");
        }

        if (printer.InMaintenance)
        {
            return CommandOutcome.Rejected(
                ErrorCodes.PrinterInMaintenance,
                $"Printer '{printer.Id}' is in maintenance; assign the job to another printer or end the maintenance first.");
        }

        state.Queues.Remove(job);
        state.TouchPrinter(job.PrinterId);
        var moved = state.ReplaceJob(job with { PrinterId = printer.Id, QueuedIndex = state.NextQueueTicket, WasReassigned = true });
        state.Queues.Enqueue(moved);
        state.TouchPrinter(printer);
        return CommandOutcome.Updated(moved);
    }
}
