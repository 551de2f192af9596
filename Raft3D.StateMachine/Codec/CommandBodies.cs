using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.StateMachine.Codec;

/// <summary>
/// Each command kind's own fields, after the envelope <see cref="CommandCodec"/> writes. The layout of a tag
/// is part of the log format: a kind's fields are never reordered, and a new field means a new format version.
/// Fields added in format 3 follow the older ones, so a format 2 body is a format 3 body cut short.
/// </summary>
internal static class CommandBodies
{
    public static void Write(Command command, FieldWriter writer)
    {
        switch (command)
        {
            case CreatePrinter c:
                PrinterFields.Of(c).Write(writer);
                break;
            case CreateFilament c:
                FilamentFields.Of(c).Write(writer);
                writer.WriteOptionalDecimal(c.SpoolWeightInGrams);
                writer.WriteOptionalDecimal(c.LowStockThresholdInGrams);
                break;
            case CreatePrintJob c:
                PrintJobFields.Of(c).Write(writer);
                break;
            case ChangePrintJobStatus c:
                writer.WriteString(c.JobId);
                writer.WriteByte((byte)c.Status);
                writer.WriteOptionalDecimal(c.ActualWeightInGrams);
                break;
            case Checkpoint c:
                writer.WriteBool(c.TakeSnapshot);
                break;
            case EditPrinter c:
                writer.WriteString(c.PrinterId);
                writer.WriteOptionalString(c.Company);
                writer.WriteOptionalString(c.Model);
                break;
            case SetPrinterMaintenance c:
                writer.WriteString(c.PrinterId);
                writer.WriteBool(c.InMaintenance);
                break;
            case DeletePrinter c:
                writer.WriteString(c.PrinterId);
                break;
            case DispatchPrinter c:
                writer.WriteString(c.PrinterId);
                break;
            case EditFilament c:
                writer.WriteString(c.FilamentId);
                writer.WriteByte((byte)(c.Type ?? 0));
                writer.WriteOptionalString(c.Color);
                writer.WriteWeightPatch(c.SpoolWeightInGrams);
                writer.WriteWeightPatch(c.LowStockThresholdInGrams);
                break;
            case ArchiveFilament c:
                writer.WriteString(c.FilamentId);
                break;
            case AssignPrintJob c:
                writer.WriteString(c.JobId);
                writer.WriteString(c.PrinterId);
                break;
            case ReportPrintJobProgress c:
                writer.WriteString(c.JobId);
                writer.WriteByte((byte)c.Percent);
                break;
            case EditPrintJob c:
                writer.WriteString(c.JobId);
                writer.WriteOptionalString(c.Filepath);
                writer.WriteOptionalDecimal(c.PrintWeightInGrams);
                break;
            case AdjustFilament c:
                writer.WriteString(c.FilamentId);
                writer.WriteDecimal(c.Grams);
                writer.WriteOptionalString(c.Reason);
                break;
            case MeasureFilament c:
                writer.WriteString(c.FilamentId);
                writer.WriteDecimal(c.GrossWeightInGrams);
                writer.WriteOptionalDecimal(c.SpoolWeightInGrams);
                writer.WriteOptionalString(c.Reason);
                break;
            default:
                throw new ArgumentException($"Cannot encode {command.GetType().Name}.", nameof(command));
        }
    }

    /// <param name="format">The command format the body was written in.</param>
    public static Command Read(CommandTag tag, ref FieldReader reader, byte format) => tag switch
    {
        CommandTag.CreatePrinter => PrinterFields.Read(ref reader).ToCommand(),
        CommandTag.CreateFilament => ReadCreateFilament(ref reader, format),
        CommandTag.CreatePrintJob => PrintJobFields.Read(ref reader).ToCommand(),
        CommandTag.ChangePrintJobStatus => ReadChangePrintJobStatus(ref reader, format),
        CommandTag.Checkpoint => new Checkpoint(reader.ReadBool()),
        CommandTag.EditPrinter => new EditPrinter(reader.ReadString(), reader.ReadOptionalString(), reader.ReadOptionalString()),
        CommandTag.SetPrinterMaintenance => new SetPrinterMaintenance(reader.ReadString(), reader.ReadBool()),
        CommandTag.DeletePrinter => new DeletePrinter(reader.ReadString()),
        CommandTag.DispatchPrinter => new DispatchPrinter(reader.ReadString()),
        CommandTag.EditFilament => ReadEditFilament(ref reader, format),
        CommandTag.ArchiveFilament => new ArchiveFilament(reader.ReadString()),
        CommandTag.AssignPrintJob => new AssignPrintJob(reader.ReadString(), reader.ReadString()),
        CommandTag.ReportPrintJobProgress => new ReportPrintJobProgress(reader.ReadString(), reader.ReadByte()),
        CommandTag.EditPrintJob => new EditPrintJob(reader.ReadString(), reader.ReadOptionalString(), reader.ReadOptionalDecimal()),
        CommandTag.AdjustFilament => new AdjustFilament(reader.ReadString(), reader.ReadDecimal(), reader.ReadOptionalString()),
        CommandTag.MeasureFilament => new MeasureFilament(reader.ReadString(), reader.ReadDecimal(), reader.ReadOptionalDecimal(), reader.ReadOptionalString()),
        _ => throw new InvalidDataException($"Command tag {(byte)tag} is unknown to this node."),
    };

    private static CreateFilament ReadCreateFilament(ref FieldReader reader, byte format)
    {
        var command = FilamentFields.Read(ref reader).ToCommand();
        return format < CommandCodec.LedgerFormatVersion
            ? command
            : command with { SpoolWeightInGrams = reader.ReadOptionalDecimal(), LowStockThresholdInGrams = reader.ReadOptionalDecimal() };
    }

    private static ChangePrintJobStatus ReadChangePrintJobStatus(ref FieldReader reader, byte format)
    {
        var command = new ChangePrintJobStatus(reader.ReadString(), reader.ReadEnum<PrintJobStatus>());
        return format < CommandCodec.LedgerFormatVersion ? command : command with { ActualWeightInGrams = reader.ReadOptionalDecimal() };
    }

    private static EditFilament ReadEditFilament(ref FieldReader reader, byte format)
    {
        var command = new EditFilament(reader.ReadString(), ReadOptionalType(ref reader), reader.ReadOptionalString());
        return format < CommandCodec.LedgerFormatVersion
            ? command
            : command with { SpoolWeightInGrams = reader.ReadWeightPatch(), LowStockThresholdInGrams = reader.ReadWeightPatch() };
    }

    private static FilamentType? ReadOptionalType(ref FieldReader reader)
    {
        var raw = reader.ReadByte();
        if (raw == 0)
        {
            return null;
        }

        var type = (FilamentType)raw;
        return Enum.IsDefined(type) ? type : throw new InvalidDataException($"{raw} is not a known FilamentType.");
    }
}
