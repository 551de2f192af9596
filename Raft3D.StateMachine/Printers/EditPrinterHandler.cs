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

        // An edit to what already is changes nothing, whatever If-Match says (a retry after the first try applied).
        var edited = printer with { Company = command.Company ?? printer.Company, Model = command.Model ?? printer.Model };
        if (edited == printer)
        {
            return CommandOutcome.Unchanged(printer);
        }

        return VersionCheck.Refuse(command, printer.Version, $"Printer '{printer.Id}'")
            ?? CommandOutcome.Updated(state.TouchPrinter(edited with { CreatedAs = printer.CreatedAs ?? CreatePrinterHandler.CommandOf(printer) }));
    }
}
