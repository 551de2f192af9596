using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Ledger;
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

        // Already so: a no-op even under a stale If-Match, so a retried request is answered as the first one was.
        // Not when it names another actual weight: that is a correction, and answering 200 would hide that
        // nothing was corrected.
        if (job.Status == command.Status)
        {
            return command.ActualWeightInGrams is { } actual && actual != job.ConsumedWeightInGrams
                ? CommandOutcome.Rejected(
                    ErrorCodes.InvalidTransition,
                    $"Print job '{job.Id}' is already Done, having used {Grams.Format(job.ConsumedWeightInGrams)} g; its usage does not change. "
                    + $"Correct the spool instead: POST /api/v1/filaments/{job.FilamentId}/adjustments.")
                : CommandOutcome.Unchanged(job);
        }

        if (VersionCheck.Refuse(command, job.Version, $"Print job '{job.Id}'") is { } stale)
        {
            return stale;
        }

        if (!PrintJobTransitions.IsAllowed(job.Status, command.Status))
        {
            var allowed = PrintJobTransitions.AllowedFrom(job.Status);
            var next = allowed.Count == 0 ? "it is final" : $"it may only become {string.Join(" or ", allowed)}";
            return CommandOutcome.Rejected(
                ErrorCodes.InvalidTransition,
                $"Print job '{job.Id}' is {job.Status}; it cannot become {command.Status} ({next}).");
        }

        return command.Status switch
        {
            PrintJobStatus.Running => Start(state, job),
            PrintJobStatus.Done => Finish(state, job, command.ActualWeightInGrams),
            _ => CommandOutcome.Updated(Cancel(state, job)),
        };
    }

    private static CommandOutcome Start(FarmState state, PrintJob job)
    {
        if (job.PrinterId is null)
        {
            return CommandOutcome.Rejected(
                ErrorCodes.JobUnassigned,
                $"Print job '{job.Id}' waits in the unassigned queue; assign it to a printer before starting it.");
        }

        var printer = state.Printers.Find(job.PrinterId)!;
        return PrintJobStart.Refusal(state, printer)
            ?? PrintJobStart.Refusal(state, job)
            ?? CommandOutcome.Updated(PrintJobStart.Start(state, job));
    }

    // The reservation guaranteed the planned grams were there when the job started; a correction since, or an
    // actual weight above the plan, may ask for more than the spool records, and remaining never goes below zero.
    private static CommandOutcome Finish(FarmState state, PrintJob job, decimal? actualWeight)
    {
        var done = job with
        {
            Status = PrintJobStatus.Done,
            FinishedAt = state.Now,
            FinishedIndex = state.ChangeVersion,
            ProgressPercent = 100,
            ActualWeightInGrams = actualWeight,
        };
        var filament = state.Filaments.Find(job.FilamentId)!;
        if (done.ConsumedWeightInGrams > filament.RemainingWeightInGrams)
        {
            return CommandOutcome.Rejected(
                ErrorCodes.InsufficientFilament,
                $"Print job '{job.Id}' used {Grams.Format(done.ConsumedWeightInGrams)} g but filament '{filament.Id}' records only {Grams.Format(filament.RemainingWeightInGrams)} g left; "
                + "correct the spool first (POST /api/v1/filaments/{id}/measure or /adjustments), then report Done again.");
        }

        state.ReleaseReservation(job);
        state.RunningJobByPrinter.Remove(job.PrinterId!);
        state.ChangeRemaining(filament, LedgerEntryKind.Consume, -done.ConsumedWeightInGrams, jobId: job.Id);
        var printer = state.Printers.Find(job.PrinterId!)!;
        state.TouchPrinter(printer with
        {
            CompletedJobs = printer.CompletedJobs + 1,
            PrintedWeightInGrams = printer.PrintedWeightInGrams + done.ConsumedWeightInGrams,
        });
        return CommandOutcome.Updated(state.ReplaceJob(done));
    }

    private static PrintJob Cancel(FarmState state, PrintJob job)
    {
        state.ReleaseReservation(job);
        if (job.Status == PrintJobStatus.Queued)
        {
            state.Queues.Remove(job);
        }
        else
        {
            state.RunningJobByPrinter.Remove(job.PrinterId!);
        }

        state.TouchPrinter(job.PrinterId);
        return state.ReplaceJob(job with { Status = PrintJobStatus.Canceled, FinishedAt = state.Now, FinishedIndex = state.ChangeVersion });
    }
}
