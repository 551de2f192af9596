using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Idempotency;
using Raft3D.StateMachine.Ledger;
using Raft3D.StateMachine.Printers;
using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.StateMachine.Snapshots;

/// <summary>
/// What must hold between a snapshot's rows before they replace the state. The checksum catches damage on
/// disk; this catches a snapshot that is well formed but cannot have come from applying the log (a bug, or a
/// file written by hand), which would otherwise surface later as a crash far from its cause.
/// </summary>
internal static class SnapshotIntegrity
{
    public static void Check(
        IReadOnlyList<Printer> printers,
        IReadOnlyList<Filament> filaments,
        IReadOnlyList<PrintJob> jobs,
        IReadOnlyList<LedgerEntry> ledger,
        IReadOnlyList<IdempotencyRecord> keys)
    {
        CheckLedger(filaments, ledger);
        UniqueIds(keys, static k => k.Key, "Idempotency-Key");
        var printerIds = UniqueIds(printers, static p => p.Id, "printer");
        var filamentIds = UniqueIds(filaments, static f => f.Id, "filament");
        UniqueIds(jobs, static j => j.Id, "print job");
        var running = new HashSet<string>(StringComparer.Ordinal);
        foreach (var job in jobs)
        {
            if (!filamentIds.Contains(job.FilamentId))
            {
                throw new InvalidDataException($"Print job '{job.Id}' names filament '{job.FilamentId}', which the snapshot does not hold.");
            }

            if (job.PrinterId is not null && !printerIds.Contains(job.PrinterId))
            {
                throw new InvalidDataException($"Print job '{job.Id}' names printer '{job.PrinterId}', which the snapshot does not hold.");
            }

            if (job.Status == PrintJobStatus.Running && (job.PrinterId is null || !running.Add(job.PrinterId)))
            {
                throw new InvalidDataException($"Print job '{job.Id}' is Running without a printer of its own.");
            }
        }
    }

    /// <summary>Every spool's ledger sums to its remaining weight, entry by entry: the ledger's one promise.</summary>
    private static void CheckLedger(IReadOnlyList<Filament> filaments, IReadOnlyList<LedgerEntry> ledger)
    {
        var sums = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var entry in ledger)
        {
            var sum = sums.GetValueOrDefault(entry.FilamentId) + entry.Grams;
            if (sum != entry.RemainingAfter)
            {
                throw new InvalidDataException($"Ledger entry {entry.Sequence} of filament '{entry.FilamentId}' says {entry.RemainingAfter} g remained, but its entries sum to {sum} g.");
            }

            sums[entry.FilamentId] = sum;
        }

        foreach (var filament in filaments)
        {
            if (sums.GetValueOrDefault(filament.Id) != filament.RemainingWeightInGrams)
            {
                throw new InvalidDataException($"Filament '{filament.Id}' has {filament.RemainingWeightInGrams} g left, but its ledger sums to {sums.GetValueOrDefault(filament.Id)} g.");
            }
        }
    }

    private static HashSet<string> UniqueIds<T>(IReadOnlyList<T> rows, Func<T, string> idOf, string kind)
    {
        // Sized up front: growing copies every entry again, at each of some twenty doublings for a million rows.
        var ids = new HashSet<string>(rows.Count, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!ids.Add(idOf(row)))
            {
                throw new InvalidDataException($"The snapshot holds {kind} '{idOf(row)}' twice.");
            }
        }

        return ids;
    }
}
