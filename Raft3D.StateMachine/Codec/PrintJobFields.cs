using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.StateMachine.Codec;

/// <summary>
/// A print job's fields in their on-disk order, shared by the <see cref="CreatePrintJob"/> log entry and the
/// snapshot's <see cref="PrintJob"/> rows so that a new field is written, read and mapped here once. The status
/// byte is the requested status in a command and the current one in a snapshot: same place, same encoding.
/// An unassigned job's printer is written as the empty string, which no id can be. The order is part of both
/// formats: never reorder.
/// </summary>
internal readonly record struct PrintJobFields(
    string Id,
    string? PrinterId,
    string FilamentId,
    string Filepath,
    decimal PrintWeightInGrams,
    PrintJobStatus Status)
{
    public static PrintJobFields Of(CreatePrintJob command)
        => new(command.Id, command.PrinterId, command.FilamentId, command.Filepath, command.PrintWeightInGrams, command.RequestedStatus);

    public static PrintJobFields Of(PrintJob job)
        => new(job.Id, job.PrinterId, job.FilamentId, job.Filepath, job.PrintWeightInGrams, job.Status);

    /// <param name="filePaths">Where the file path is shared with the other rows; none for a single command or entity.</param>
    public static PrintJobFields Read(ref FieldReader reader, SharedStrings? filePaths = null)
        => new(
            reader.ReadString(),
            reader.ReadOptionalId(),
            reader.ReadString(),
            reader.ReadLabel(filePaths),
            reader.ReadDecimal(),
            reader.ReadEnum<PrintJobStatus>());

    public void Write(FieldWriter writer)
    {
        writer.WriteString(Id);
        writer.WriteOptionalId(PrinterId);
        writer.WriteString(FilamentId);
        writer.WriteString(Filepath);
        writer.WriteDecimal(PrintWeightInGrams);
        writer.WriteByte((byte)Status);
    }

    public CreatePrintJob ToCommand() => new(Id, PrinterId, FilamentId, Filepath, PrintWeightInGrams, Status);

    public PrintJob ToPrintJob() => new(Id, PrinterId, FilamentId, Filepath, PrintWeightInGrams, Status);
}
