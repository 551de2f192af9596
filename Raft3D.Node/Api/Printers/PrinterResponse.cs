using Raft3D.StateMachine.Printers;

namespace Raft3D.Node.Api.Printers;

/// <summary>A registered printer.</summary>
public sealed record PrinterResponse(string Id, string Company, string Model)
{
    public static PrinterResponse From(Printer printer) => new(printer.Id, printer.Company, printer.Model);
}
