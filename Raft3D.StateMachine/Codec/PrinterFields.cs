using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Printers;

namespace Raft3D.StateMachine.Codec;

/// <summary>
/// A printer's fields in their on-disk order, shared by the <see cref="CreatePrinter"/> log entry and the
/// snapshot's <see cref="Printer"/> rows so that a new field is written, read and mapped here once and cannot
/// reach one format while being forgotten in the other. The order is part of both formats: never reorder.
/// </summary>
internal readonly record struct PrinterFields(string Id, string Company, string Model)
{
    public static PrinterFields Of(CreatePrinter command) => new(command.Id, command.Company, command.Model);

    public static PrinterFields Of(Printer printer) => new(printer.Id, printer.Company, printer.Model);

    /// <param name="labels">Shares company and model with other rows (a snapshot); null for a log entry.</param>
    public static PrinterFields Read(ref FieldReader reader, SharedStrings? labels = null) => new(reader.ReadString(), reader.ReadLabel(labels), reader.ReadLabel(labels));

    public void Write(FieldWriter writer)
    {
        writer.WriteString(Id);
        writer.WriteString(Company);
        writer.WriteString(Model);
    }

    public CreatePrinter ToCommand() => new(Id, Company, Model);

    public Printer ToPrinter() => new(Id, Company, Model);
}
