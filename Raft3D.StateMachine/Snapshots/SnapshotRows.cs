using Raft3D.StateMachine.Codec;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Printers;
using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.StateMachine.Snapshots;

/// <summary>
/// One entity's row in a snapshot: the fields its create command carries (shared with the log through the
/// *Fields types), then, from snapshot format 2, what the farm learnt since: times, version, state; then, from
/// format 3, stock settings, actual weight and history indexes. A format 1
/// row has only the first part; its entity gets version 0, as it would from replaying format 1 entries (see
/// <see cref="FarmState.ApplyUnversioned"/>), so nodes agree whatever index their old snapshot was taken at.
/// </summary>
internal static class SnapshotRows
{
    public static void Write(Printer printer, FieldWriter writer)
    {
        PrinterFields.Of(printer).Write(writer);
        writer.WriteBool(printer.InMaintenance);
        writer.WriteBool(printer.IsDeleted);
        writer.WriteTime(printer.CreatedAt);
        writer.WriteTime(printer.UpdatedAt);
        writer.WriteTime(printer.DeletedAt);
        writer.WriteVarULong((ulong)printer.Version);
        writer.WriteVarUInt((uint)printer.CompletedJobs);
        writer.WriteDecimal(printer.PrintedWeightInGrams);
        writer.WriteOptionalString(printer.CreatedAs?.Company);
        if (printer.CreatedAs is { } createdAs)
        {
            writer.WriteString(createdAs.Model);
        }
    }

    /// <param name="labels">Where company and model are shared with the other rows; none for a single entity.</param>
    public static Printer ReadPrinter(ref FieldReader reader, byte format, SharedStrings? labels = null)
    {
        var fields = PrinterFields.Read(ref reader, labels);
        if (format == 1)
        {
            return fields.ToPrinter();
        }

        // Read into locals and built once: a large farm's snapshot makes hundreds of thousands of these.
        var inMaintenance = reader.ReadBool();
        var isDeleted = reader.ReadBool();
        var createdAt = reader.ReadTime();
        var updatedAt = reader.ReadTime();
        var deletedAt = reader.ReadTime();
        var version = reader.ReadVarLong();
        var completed = reader.ReadVarUInt();
        if (completed > int.MaxValue)
        {
            throw new InvalidDataException($"Printer '{fields.Id}' claims {completed} completed jobs.");
        }

        var printedWeight = reader.ReadDecimal();
        var createdAs = reader.ReadOptionalString() is { } company ? new PrinterFields(fields.Id, company, reader.ReadString()).ToCommand() : null;
        return new Printer(fields.Id, fields.Company, fields.Model)
        {
            InMaintenance = inMaintenance,
            IsDeleted = isDeleted,
            CreatedAt = createdAt,
            UpdatedAt = updatedAt,
            DeletedAt = deletedAt,
            Version = version,
            CompletedJobs = (int)completed,
            PrintedWeightInGrams = printedWeight,
            CreatedAs = createdAs,
        };
    }

    /// <summary>
    /// A format 1 snapshot kept no printer totals, but replaying the same log counts them, and snapshot + rest of
    /// log must give the state the whole log gives. In format 1 a job never changed printer and Done was final,
    /// so a printer's totals are exactly its Done jobs.
    /// </summary>
    public static List<Printer> WithTotalsOfDoneJobs(List<Printer> printers, IReadOnlyList<PrintJob> jobs)
    {
        var done = jobs
            .Where(job => job.Status == PrintJobStatus.Done && job.PrinterId is not null)
            .GroupBy(job => job.PrinterId!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => (Count: group.Count(), Grams: group.Sum(job => job.PrintWeightInGrams)), StringComparer.Ordinal);
        return
        [
            .. printers.Select(printer => done.TryGetValue(printer.Id, out var totals)
                ? printer with { CompletedJobs = totals.Count, PrintedWeightInGrams = totals.Grams }
                : printer),
        ];
    }

    public static void Write(Filament filament, FieldWriter writer)
    {
        FilamentFields.Of(filament).Write(writer);
        writer.WriteDecimal(filament.InitialRemainingWeightInGrams);
        writer.WriteBool(filament.IsArchived);
        writer.WriteTime(filament.CreatedAt);
        writer.WriteTime(filament.UpdatedAt);
        writer.WriteTime(filament.ArchivedAt);
        writer.WriteVarULong((ulong)filament.Version);
        writer.WriteBool(filament.CreatedAs is not null);
        if (filament.CreatedAs is { } createdAs)
        {
            writer.WriteByte((byte)createdAs.Type);
            writer.WriteString(createdAs.Color);
        }

        writer.WriteOptionalDecimal(filament.SpoolWeightInGrams);
        writer.WriteOptionalDecimal(filament.LowStockThresholdInGrams);
        if (filament.CreatedAs is { } created)
        {
            writer.WriteOptionalDecimal(created.SpoolWeightInGrams);
            writer.WriteOptionalDecimal(created.LowStockThresholdInGrams);
        }
    }

    /// <param name="labels">Where the colour is shared with the other rows; none for a single entity.</param>
    public static Filament ReadFilament(ref FieldReader reader, byte format, SharedStrings? labels = null)
    {
        var fields = FilamentFields.Read(ref reader, labels);
        var filament = fields.ToFilament(initialRemainingWeightInGrams: reader.ReadDecimal());
        if (format == 1)
        {
            return filament;
        }

        filament = filament with
        {
            IsArchived = reader.ReadBool(),
            CreatedAt = reader.ReadTime(),
            UpdatedAt = reader.ReadTime(),
            ArchivedAt = reader.ReadTime(),
            Version = reader.ReadVarLong(),
            CreatedAs = reader.ReadBool()
                ? new CreateFilament(filament.Id, reader.ReadEnum<FilamentType>(), reader.ReadString(), filament.TotalWeightInGrams, filament.InitialRemainingWeightInGrams)
                : null,
        };
        if (format < 3)
        {
            return filament;
        }

        filament = filament with { SpoolWeightInGrams = reader.ReadOptionalDecimal(), LowStockThresholdInGrams = reader.ReadOptionalDecimal() };
        return filament.CreatedAs is { } createdAs
            ? filament with { CreatedAs = createdAs with { SpoolWeightInGrams = reader.ReadOptionalDecimal(), LowStockThresholdInGrams = reader.ReadOptionalDecimal() } }
            : filament;
    }

    public static void Write(PrintJob job, FieldWriter writer)
    {
        PrintJobFields.Of(job).Write(writer);
        writer.WriteBool(job.WasReassigned);
        writer.WriteTime(job.CreatedAt);
        writer.WriteTime(job.StartedAt);
        writer.WriteTime(job.FinishedAt);
        writer.WriteByte((byte)job.ProgressPercent);
        writer.WriteVarULong((ulong)job.Version);
        writer.WriteVarULong((ulong)job.QueuedIndex);
        writer.WriteBool(job.CreatedAs is not null);
        if (job.CreatedAs is { } createdAs)
        {
            writer.WriteOptionalId(createdAs.PrinterId);
            writer.WriteString(createdAs.Filepath);
            writer.WriteDecimal(createdAs.PrintWeightInGrams);
        }

        writer.WriteOptionalDecimal(job.ActualWeightInGrams);
        writer.WriteVarULong((ulong)job.CreatedIndex);
        writer.WriteVarULong((ulong)job.StartedIndex);
        writer.WriteVarULong((ulong)job.FinishedIndex);
    }

    /// <param name="position">A format 1 job's order of creation, which is also its queue order.</param>
    /// <param name="filePaths">Where the file path is shared with the other rows; none for a single entity.</param>
    public static PrintJob ReadPrintJob(ref FieldReader reader, byte format, long position, SharedStrings? filePaths = null)
    {
        var job = PrintJobFields.Read(ref reader, filePaths).ToPrintJob();
        if (format == 1)
        {
            return job with { QueuedIndex = position, ProgressPercent = job.Status == PrintJobStatus.Done ? 100 : 0 };
        }

        var wasReassigned = reader.ReadBool();
        var createdAt = reader.ReadTime();
        var startedAt = reader.ReadTime();
        var finishedAt = reader.ReadTime();
        var percent = reader.ReadByte();
        if (percent > 100)
        {
            throw new InvalidDataException($"Print job '{job.Id}' is {percent}% done.");
        }

        job = job with
        {
            WasReassigned = wasReassigned,
            CreatedAt = createdAt,
            StartedAt = startedAt,
            FinishedAt = finishedAt,
            ProgressPercent = percent,
            Version = reader.ReadVarLong(),
            QueuedIndex = reader.ReadVarLong(),
            CreatedAs = reader.ReadBool()
                ? new CreatePrintJob(job.Id, reader.ReadOptionalId(), job.FilamentId, reader.ReadString(), reader.ReadDecimal())
                : null,
        };
        if (format < 3)
        {
            // A format 2 snapshot kept no history indexes; a finished job's version is its finish (nothing changes
            // a finished job), which is what replaying its format 2 entries records too (see LogEra.BeforeLedger).
            return job with { FinishedIndex = job.Status is PrintJobStatus.Done or PrintJobStatus.Canceled ? job.Version : 0L };
        }

        return job with
        {
            ActualWeightInGrams = reader.ReadOptionalDecimal(),
            CreatedIndex = reader.ReadVarLong(),
            StartedIndex = reader.ReadVarLong(),
            FinishedIndex = reader.ReadVarLong(),
        };
    }
}
