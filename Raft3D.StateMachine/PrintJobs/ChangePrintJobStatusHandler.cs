using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.StateMachine.PrintJobs;

internal static class ChangePrintJobStatusHandler
{
    public static CommandOutcome Apply(FarmState state, ChangePrintJobStatus command)
    {
        if (state.PrintJobs.Find(command.JobId) is not { } job)
        {
            return CommandOutcome.Rejected(ErrorCodes.NotFound, $"Print job '{command.JobId}' does not exist.");
        }

        if (job.Status == command.Status)
        {
            return CommandOutcome.Unchanged(job);
        }

        if (!PrintJobTransitions.IsAllowed(job.Status, command.Status))
        {
            var allowed = PrintJobTransitions.AllowedFrom(job.Status);
            var next = allowed.Count == 0 ? "it is final" : $"it may only become {string.Join(" or ", allowed)}";
            return CommandOutcome.Rejected(
                ErrorCodes.InvalidTransition,
                $"Print job '{job.Id}' is {job.Status}; it cannot become {command.Status} ({next}).");
        }

        if (command.Status == PrintJobStatus.Running
            && state.RunningJobByPrinter.TryGetValue(job.PrinterId, out var runningJobId))
        {
            return CommandOutcome.Rejected(
                ErrorCodes.PrinterBusy,
                $"Printer '{job.PrinterId}' is already running print job '{runningJobId}'; finish or cancel it first.");
        }

        var updated = job with { Status = command.Status };
        state.PrintJobs.Replace(updated);
        switch (command.Status)
        {
            case PrintJobStatus.Running:
                state.RunningJobByPrinter[job.PrinterId] = job.Id;
                break;
            case PrintJobStatus.Done:
                state.ReleaseReservation(job);
                state.RunningJobByPrinter.Remove(job.PrinterId);
                ConsumeFilament(state, job);
                break;
            case PrintJobStatus.Canceled:
                state.ReleaseReservation(job);
                if (job.Status == PrintJobStatus.Running)
                {
                    state.RunningJobByPrinter.Remove(job.PrinterId);
                }

                break;
        }

        return CommandOutcome.Updated(updated);
    }

    // The reservation guaranteed the grams are there, so remaining never goes below zero.
    private static void ConsumeFilament(FarmState state, PrintJob job)
    {
        var filament = state.Filaments.Find(job.FilamentId)!;
        state.Filaments.Replace(filament with { RemainingWeightInGrams = filament.RemainingWeightInGrams - job.PrintWeightInGrams });
    }
}
