using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.StateMachine.Codec;

/// <summary>
/// Each command kind's own fields, after the envelope <see cref="CommandCodec"/> writes. The layout of a tag
/// is part of the log format: a kind's fields are never reordered, and a new field means a new format version.
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
                break;
            case CreatePrintJob c:
                PrintJobFields.Of(c).Write(writer);
                break;
            case ChangePrintJobStatus c:
                writer.WriteString(c.JobId);
                writer.WriteByte((byte)c.Status);
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
            default:
                throw new ArgumentException($"Cannot encode {command.GetType().Name}.", nameof(command));
        }
    }

    public static Command Read(CommandTag tag, ref FieldReader reader) => tag switch
    {
        CommandTag.CreatePrinter => PrinterFields.Read(ref reader).ToCommand(),
        CommandTag.CreateFilament => FilamentFields.Read(ref reader).ToCommand(),
        CommandTag.CreatePrintJob => PrintJobFields.Read(ref reader).ToCommand(),
        CommandTag.ChangePrintJobStatus => new ChangePrintJobStatus(reader.ReadString(), reader.ReadEnum<PrintJobStatus>()),
        CommandTag.Checkpoint => new Checkpoint(reader.ReadBool()),
        CommandTag.EditPrinter => new EditPrinter(reader.ReadString(), reader.ReadOptionalString(), reader.ReadOptionalString()),
        CommandTag.SetPrinterMaintenance => new SetPrinterMaintenance(reader.ReadString(), reader.ReadBool()),
        CommandTag.DeletePrinter => new DeletePrinter(reader.ReadString()),
        CommandTag.DispatchPrinter => new DispatchPrinter(reader.ReadString()),
        CommandTag.EditFilament => new EditFilament(reader.ReadString(), ReadOptionalType(ref reader), reader.ReadOptionalString()),
        CommandTag.ArchiveFilament => new ArchiveFilament(reader.ReadString()),
        CommandTag.AssignPrintJob => new AssignPrintJob(reader.ReadString(), reader.ReadString()),
        CommandTag.ReportPrintJobProgress => new ReportPrintJobProgress(reader.ReadString(), reader.ReadByte()),
        CommandTag.EditPrintJob => new EditPrintJob(reader.ReadString(), reader.ReadOptionalString(), reader.ReadOptionalDecimal()),
        _ => throw new InvalidDataException($"Command tag {(byte)tag} is unknown to this node."),
    };

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
