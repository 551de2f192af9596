using Raft3D.StateMachine.Filaments;
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
    public static void Check(IReadOnlyList<Printer> printers, IReadOnlyList<Filament> filaments, IReadOnlyList<PrintJob> jobs)
    {
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

    private static HashSet<string> UniqueIds<T>(IReadOnlyList<T> rows, Func<T, string> idOf, string kind)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
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
