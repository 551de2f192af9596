using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.StateMachine.Printers;

internal static class DispatchPrinterHandler
{
    /// <returns>The job it started.</returns>
    public static CommandOutcome Apply(FarmState state, DispatchPrinter command)
    {
        if (state.LivePrinter(command.PrinterId) is not { } printer)
        {
            return CommandOutcome.Rejected(ErrorCodes.NotFound, $"Printer '{command.PrinterId}' does not exist.");
        }

        if (VersionCheck.Refuse(command, printer.Version, $"Printer '{printer.Id}'") is { } stale)
        {
            return stale;
        }

        if (state.Queues.HeadOf(printer.Id) is not { } head)
        {
            // Busy and maintenance say more than "empty", so they are checked first when they apply.
            return PrintJobStart.Refusal(state, printer) ?? CommandOutcome.Rejected(
                ErrorCodes.QueueEmpty,
                $"Printer '{printer.Id}' has no queued job to dispatch; assign one first.");
        }

        var job = state.PrintJobs.Find(head)!;
        return PrintJobStart.Refusal(state, printer) ?? PrintJobStart.Refusal(state, job) ?? CommandOutcome.Updated(PrintJobStart.Start(state, job));
    }
}
