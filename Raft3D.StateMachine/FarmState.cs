using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.Printers;
using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.StateMachine;

/// <summary>
/// The whole farm in memory, and the one place commands change it. Pure and single-threaded:
/// no clock, no randomness, no I/O, so every node that applies the same log reaches the same state.
/// Callers serialise access (see <see cref="FarmStateMachine"/>).
/// </summary>
public sealed class FarmState
{
    internal OrderedTable<Printer> Printers { get; } = new(static p => p.Id);

    internal OrderedTable<Filament> Filaments { get; } = new(static f => f.Id);

    internal OrderedTable<PrintJob> PrintJobs { get; } = new(static j => j.Id);

    /// <summary>Grams held by Queued and Running jobs per filament: derived, rebuilt after a snapshot.</summary>
    internal Dictionary<string, decimal> ReservedGrams { get; } = new(StringComparer.Ordinal);

    /// <summary>The Running job of each busy printer: derived, rebuilt after a snapshot.</summary>
    internal Dictionary<string, string> RunningJobByPrinter { get; } = new(StringComparer.Ordinal);

    public CommandOutcome Apply(Command command)
    {
        if (CommandValidator.Validate(command) is { } error)
        {
            return CommandOutcome.Rejected(error.Code, error.Detail);
        }

        return command switch
        {
            CreatePrinter c => CreatePrinterHandler.Apply(this, c),
            CreateFilament c => CreateFilamentHandler.Apply(this, c),
            CreatePrintJob c => CreatePrintJobHandler.Apply(this, c),
            ChangePrintJobStatus c => ChangePrintJobStatusHandler.Apply(this, c),
            Checkpoint => CommandOutcome.Unchanged(this),
            _ => throw new InvalidOperationException($"No handler for command {command.Tag}."),
        };
    }

    public IReadOnlyList<Printer> ListPrinters() => [.. Printers.Rows];

    public Printer? FindPrinter(string id) => Printers.Find(id);

    public IReadOnlyList<Filament> ListFilaments() => [.. Filaments.Rows];

    public Filament? FindFilament(string id) => Filaments.Find(id);

    public PrintJob? FindPrintJob(string id) => PrintJobs.Find(id);

    public IReadOnlyList<PrintJob> ListPrintJobs(PrintJobStatus? status = null, string? printerId = null, string? filamentId = null)
        => [.. PrintJobs.Rows.Where(j =>
            (status is null || j.Status == status)
            && (printerId is null || string.Equals(j.PrinterId, printerId, StringComparison.Ordinal))
            && (filamentId is null || string.Equals(j.FilamentId, filamentId, StringComparison.Ordinal)))];

    public decimal ReservedGramsOf(string filamentId) => ReservedGrams.GetValueOrDefault(filamentId);

    /// <summary>Grams a new job may still take from the spool: remaining minus what open jobs hold.</summary>
    public decimal AvailableGramsOf(Filament filament) => filament.RemainingWeightInGrams - ReservedGramsOf(filament.Id);

    /// <summary>Replaces everything with the given entities, as after installing a snapshot.</summary>
    internal void Load(IEnumerable<Printer> printers, IEnumerable<Filament> filaments, IEnumerable<PrintJob> jobs)
    {
        Printers.Clear();
        Filaments.Clear();
        PrintJobs.Clear();
        ReservedGrams.Clear();
        RunningJobByPrinter.Clear();
        foreach (var printer in printers)
        {
            Printers.Add(printer);
        }

        foreach (var filament in filaments)
        {
            Filaments.Add(filament);
        }

        foreach (var job in jobs)
        {
            PrintJobs.Add(job);
            TrackOpenJob(job);
        }
    }

    internal void TrackOpenJob(PrintJob job)
    {
        if (PrintJobTransitions.ReservesFilament(job.Status))
        {
            ReservedGrams[job.FilamentId] = ReservedGramsOf(job.FilamentId) + job.PrintWeightInGrams;
        }

        if (job.Status == PrintJobStatus.Running)
        {
            RunningJobByPrinter[job.PrinterId] = job.Id;
        }
    }

    internal void ReleaseReservation(PrintJob job)
    {
        var left = ReservedGramsOf(job.FilamentId) - job.PrintWeightInGrams;
        if (left == 0m)
        {
            ReservedGrams.Remove(job.FilamentId);
        }
        else
        {
            ReservedGrams[job.FilamentId] = left;
        }
    }
}
