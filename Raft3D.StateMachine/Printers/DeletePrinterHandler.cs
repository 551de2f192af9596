using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.StateMachine.Printers;

internal static class DeletePrinterHandler
{
    public static CommandOutcome Apply(FarmState state, DeletePrinter command)
    {
        if (state.Printers.Find(command.PrinterId) is not { } printer)
        {
            return CommandOutcome.Rejected(ErrorCodes.NotFound, $"Printer '{command.PrinterId}' does not exist.");
        }

        if (printer.IsDeleted)
        {
            return CommandOutcome.Unchanged(printer);
        }

        if (VersionCheck.Refuse(command, printer.Version, $"Printer '{printer.Id}'") is { } stale)
        {
            return stale;
        }

        var queued = state.Queues.CountOf(printer.Id);
        var running = state.RunningJobByPrinter.GetValueOrDefault(printer.Id);
        if (queued > 0 || running is not null)
        {
            var what = running is null ? $"{queued} queued job(s)" : $"running job '{running}' and {queued} queued job(s)";
            return CommandOutcome.Rejected(
                ErrorCodes.PrinterHasOpenJobs,
                $"Printer '{printer.Id}' has {what}; cancel or reassign them before deleting it.");
        }

        return CommandOutcome.Updated(state.TouchPrinter(printer with { IsDeleted = true, DeletedAt = state.Now }));
    }
}
