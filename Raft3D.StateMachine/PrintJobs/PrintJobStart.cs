using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.Printers;

namespace Raft3D.StateMachine.PrintJobs;

/// <summary>
/// Starting a job, the same whether the status endpoint or dispatch asks: the rules that may refuse it and
/// the changes it makes. In one place so the two ways in cannot drift apart.
/// </summary>
internal static class PrintJobStart
{
    /// <summary>Why this printer cannot start a job now, or null.</summary>
    public static CommandOutcome? Refusal(FarmState state, Printer printer)
    {
        if (printer.InMaintenance)
        {
            return CommandOutcome.Rejected(
                ErrorCodes.PrinterInMaintenance,
                $"Printer '{printer.Id}' is in maintenance and starts no job; end its maintenance first.");
        }

        return state.RunningJobByPrinter.TryGetValue(printer.Id, out var running)
            ? CommandOutcome.Rejected(ErrorCodes.PrinterBusy, $"Printer '{printer.Id}' is already running print job '{running}'; finish or cancel it first.")
            : null;
    }

    /// <summary>
    /// Why this job's spool cannot feed it now, or null. Checked again at the start, not only at creation: the
    /// spool may have been archived or corrected since, and a print that runs dry wastes the whole job.
    /// </summary>
    public static CommandOutcome? Refusal(FarmState state, PrintJob job)
    {
        var filament = state.Filaments.Find(job.FilamentId)!;
        if (filament.IsArchived)
        {
            return CommandOutcome.Rejected(
                ErrorCodes.FilamentArchived,
                $"Print job '{job.Id}' needs filament '{filament.Id}', which has been archived; edit or cancel the job.");
        }

        return filament.RemainingWeightInGrams < job.PrintWeightInGrams
            ? CommandOutcome.Rejected(
                ErrorCodes.InsufficientFilament,
                $"Print job '{job.Id}' needs {Grams.Format(job.PrintWeightInGrams)} g but filament '{filament.Id}' has only {Grams.Format(filament.RemainingWeightInGrams)} g left.")
            : null;
    }

    public static PrintJob Start(FarmState state, PrintJob job)
    {
        state.Queues.Remove(job);
        var started = state.ReplaceJob(job with { Status = PrintJobStatus.Running, StartedAt = state.Now, StartedIndex = state.HistoryIndex });
        state.RunningJobByPrinter[job.PrinterId!] = job.Id;
        state.TouchPrinter(job.PrinterId);
        return started;
    }
}
