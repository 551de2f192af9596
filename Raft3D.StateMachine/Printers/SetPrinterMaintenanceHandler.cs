using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.StateMachine.Printers;

internal static class SetPrinterMaintenanceHandler
{
    public static CommandOutcome Apply(FarmState state, SetPrinterMaintenance command)
    {
        if (state.LivePrinter(command.PrinterId) is not { } printer)
        {
            return CommandOutcome.Rejected(ErrorCodes.NotFound, $"Printer '{command.PrinterId}' does not exist.");
        }

        // Already so: a no-op even under a stale If-Match, so a retried request (whose first try applied and
        // moved the version) is answered as the first one was instead of with 412.
        if (printer.InMaintenance == command.InMaintenance)
        {
            return CommandOutcome.Unchanged(printer);
        }

        if (VersionCheck.Refuse(command, printer.Version, $"Printer '{printer.Id}'") is { } stale)
        {
            return stale;
        }

        if (command.InMaintenance && state.RunningJobByPrinter.TryGetValue(printer.Id, out var running))
        {
            return CommandOutcome.Rejected(
                ErrorCodes.PrinterBusy,
                $"Printer '{printer.Id}' is printing job '{running}'; finish or cancel it before maintenance.");
        }

        return CommandOutcome.Updated(state.TouchPrinter(printer with { InMaintenance = command.InMaintenance }));
    }
}
