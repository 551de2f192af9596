using Raft3D.StateMachine.Codec;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Ledger;
using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.StateMachine.Snapshots;

/// <summary>
/// The spools' ledgers in a snapshot (format 3): spool by spool in creation order, each its count then its
/// entries oldest first; the spool and the sequence are implied by the place. Older snapshots kept no ledger:
/// <see cref="FromHistory"/> rebuilds the one replaying their log gives.
/// </summary>
internal static class LedgerRows
{
    /// <summary>One spool's ledger; the snapshot writes every spool's, in creation order.</summary>
    public static void Write(IReadOnlyList<LedgerEntry> entries, FieldWriter writer)
    {
        writer.WriteVarUInt((uint)entries.Count);
        foreach (var entry in entries)
        {
            writer.WriteByte((byte)entry.Kind);
            writer.WriteDecimal(entry.Grams);
            writer.WriteDecimal(entry.RemainingAfter);
            writer.WriteVarULong((ulong)entry.Index);
            writer.WriteTime(entry.At);
            writer.WriteOptionalString(entry.JobId);
            writer.WriteOptionalString(entry.IdempotencyKey);
            writer.WriteOptionalString(entry.Reason);
        }
    }

    public static List<LedgerEntry> Read(ref FieldReader reader, IReadOnlyList<Filament> filaments)
    {
        var ledger = new List<LedgerEntry>();
        foreach (var filament in filaments)
        {
            var count = reader.ReadVarUInt();
            for (var sequence = 0; sequence < count; sequence++)
            {
                ledger.Add(new LedgerEntry(
                    filament.Id,
                    sequence,
                    reader.ReadEnum<LedgerEntryKind>(),
                    reader.ReadDecimal(),
                    reader.ReadDecimal(),
                    reader.ReadVarLong(),
                    reader.ReadTime())
                {
                    JobId = reader.ReadOptionalString(),
                    IdempotencyKey = reader.ReadOptionalString(),
                    Reason = reader.ReadOptionalString(),
                });
            }
        }

        return ledger;
    }

    /// <summary>
    /// The ledger of a farm from before the ledger was kept, as replaying its log now records it: before format
    /// 3 remaining changed only when a job was Done, so each spool's history is its initial weight (index 0,
    /// see <see cref="LogEra.BeforeLedger"/>) and its Done jobs in the order they finished (their versions).
    /// </summary>
    public static List<LedgerEntry> FromHistory(IReadOnlyList<Filament> filaments, IReadOnlyList<PrintJob> jobs)
    {
        var doneByFilament = jobs
            .Select((job, position) => (job, position))
            .Where(pair => pair.job.Status == PrintJobStatus.Done)
            .OrderBy(pair => pair.job.Version)
            .ThenBy(pair => pair.position)
            .ToLookup(pair => pair.job.FilamentId, pair => pair.job, StringComparer.Ordinal);
        var ledger = new List<LedgerEntry>();
        foreach (var filament in filaments)
        {
            var remaining = filament.InitialRemainingWeightInGrams;
            ledger.Add(new LedgerEntry(filament.Id, 0, LedgerEntryKind.Initial, remaining, remaining, 0L, filament.CreatedAt));
            var sequence = 1;
            foreach (var job in doneByFilament[filament.Id])
            {
                remaining -= job.ConsumedWeightInGrams;
                ledger.Add(new LedgerEntry(filament.Id, sequence++, LedgerEntryKind.Consume, -job.ConsumedWeightInGrams, remaining, job.Version, job.FinishedAt) { JobId = job.Id });
            }
        }

        return ledger;
    }
}
