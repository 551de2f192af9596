using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.StateMachine.Printers;

internal static class CreatePrinterHandler
{
    public static CommandOutcome Apply(FarmState state, CreatePrinter command)
    {
        var printer = new Printer(command.Id, command.Company, command.Model);
        if (state.Printers.Find(command.Id) is { } existing)
        {
            return existing == printer
                ? CommandOutcome.Unchanged(existing)
                : CommandOutcome.Rejected(ErrorCodes.DuplicateId, $"A printer with id '{command.Id}' already exists with different details.");
        }

        state.Printers.Add(printer);
        return CommandOutcome.Created(printer);
    }
}
