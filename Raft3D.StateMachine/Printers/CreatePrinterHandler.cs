using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.StateMachine.Printers;

internal static class CreatePrinterHandler
{
    public static CommandOutcome Apply(FarmState state, CreatePrinter command)
    {
        if (state.Printers.Find(command.Id) is { } existing)
        {
            if (existing.IsDeleted)
            {
                return CommandOutcome.Rejected(ErrorCodes.DuplicateId, $"Printer '{command.Id}' was deleted; a deleted printer's id is not reused, since its past jobs still name it.");
            }

            // Judged against what the first create said, not against edits made since.
            var original = existing.CreatedAs ?? CommandOf(existing);
            var sameRequest = string.Equals(original.Company, command.Company, StringComparison.Ordinal)
                && string.Equals(original.Model, command.Model, StringComparison.Ordinal);
            return sameRequest
                ? CommandOutcome.Unchanged(existing)
                : CommandOutcome.Rejected(ErrorCodes.DuplicateId, $"A printer with id '{command.Id}' already exists with different details.");
        }

        var printer = new Printer(command.Id, command.Company, command.Model)
        {
            CreatedAt = state.Now,
            UpdatedAt = state.Now,
            Version = state.ChangeVersion,
        };
        state.AddPrinter(printer);
        return CommandOutcome.Created(printer);
    }

    /// <summary>The create that made this printer as it is, for a printer never edited.</summary>
    public static CreatePrinter CommandOf(Printer printer) => new(printer.Id, printer.Company, printer.Model);
}
