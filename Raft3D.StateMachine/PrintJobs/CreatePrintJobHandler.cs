using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.StateMachine.PrintJobs;

internal static class CreatePrintJobHandler
{
    public static CommandOutcome Apply(FarmState state, CreatePrintJob command)
    {
        if (state.PrintJobs.Find(command.Id) is { } existing)
        {
            // The status is left out of the comparison: a replay may arrive after the job has moved on; so is
            // the printer once the job was reassigned.
            // Edits are judged by what the first create said.
            var original = existing.CreatedAs ?? CommandOf(existing);
            var sameRequest = (existing.WasReassigned || string.Equals(original.PrinterId, command.PrinterId, StringComparison.Ordinal))
                && string.Equals(original.FilamentId, command.FilamentId, StringComparison.Ordinal)
                && string.Equals(original.Filepath, command.Filepath, StringComparison.Ordinal)
                && original.PrintWeightInGrams == command.PrintWeightInGrams;
            return sameRequest
                ? CommandOutcome.Unchanged(existing)
                : CommandOutcome.Rejected(ErrorCodes.DuplicateId, $"A print job with id '{command.Id}' already exists with different details.");
        }

        if (command.PrinterId is not null)
        {
            if (state.LivePrinter(command.PrinterId) is not { } printer)
            {
                return CommandOutcome.Rejected(ErrorCodes.UnknownReference, $"Printer '{command.PrinterId}' does not exist.");
            }

            // As for assign: a printer in maintenance takes no new work, so its queue cannot grow behind an operator's back.
            if (printer.InMaintenance)
            {
                return CommandOutcome.Rejected(
                    ErrorCodes.PrinterInMaintenance,
                    $"Printer '{printer.Id}' is in maintenance; queue the job without a printer, or on another one.");
            }
        }

        if (state.Filaments.Find(command.FilamentId) is not { } filament)
        {
            return CommandOutcome.Rejected(ErrorCodes.UnknownReference, $"Filament '{command.FilamentId}' does not exist.");
        }

        if (filament.IsArchived)
        {
            return CommandOutcome.Rejected(ErrorCodes.FilamentArchived, $"Filament '{filament.Id}' has been archived and takes no new jobs.");
        }

        var available = state.AvailableGramsOf(filament);
        if (command.PrintWeightInGrams > available)
        {
            return CommandOutcome.Rejected(
                ErrorCodes.InsufficientFilament,
                $"Filament '{filament.Id}' has {Grams.Format(filament.RemainingWeightInGrams)} g left, of which {Grams.Format(state.ReservedGramsOf(filament.Id))} g are held by queued or running jobs; "
                + $"{Grams.Format(available)} g are available but the job needs {Grams.Format(command.PrintWeightInGrams)} g.");
        }

        var job = new PrintJob(command.Id, command.PrinterId, command.FilamentId, command.Filepath, command.PrintWeightInGrams, PrintJobStatus.Queued)
        {
            CreatedAt = state.Now,
            Version = state.ChangeVersion,
            QueuedIndex = state.NextQueueTicket,
            CreatedIndex = state.HistoryIndex,
        };
        state.AddPrintJob(job);
        state.TrackOpenJob(job);
        state.TouchPrinter(job.PrinterId);
        return CommandOutcome.Created(job);
    }

    /// <summary>The create that made this job as it is, for a job never edited.</summary>
    public static CreatePrintJob CommandOf(PrintJob job) => new(job.Id, job.PrinterId, job.FilamentId, job.Filepath, job.PrintWeightInGrams);
}
