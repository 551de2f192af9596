using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.StateMachine.Printers;

internal static class EditPrinterHandler
{
    public static CommandOutcome Apply(FarmState state, EditPrinter command)
    {
        if (state.LivePrinter(command.PrinterId) is not { } printer)
        {
            return CommandOutcome.Rejected(ErrorCodes.NotFound, $"Printer '{command.PrinterId}' does not exist.");
        }

        if (VersionCheck.Refuse(command, printer.Version, $"Printer '{printer.Id}'") is { } stale)
        {
            return stale;
        }

        var edited = printer with { Company = command.Company ?? printer.Company, Model = command.Model ?? printer.Model };
        return edited == printer
            ? CommandOutcome.Unchanged(printer)
            : CommandOutcome.Updated(state.TouchPrinter(edited));
    }
}
