using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.StateMachine.Filaments;

internal static class CreateFilamentHandler
{
    public static CommandOutcome Apply(FarmState state, CreateFilament command)
    {
        if (state.Filaments.Find(command.Id) is { } existing)
        {
            // A replay is judged against what the first create said, not against today's remaining weight,
            // which jobs may have consumed since, nor against edits made since.
            var original = existing.CreatedAs ?? CommandOf(existing);
            var sameRequest = original.Type == command.Type
                && string.Equals(original.Color, command.Color, StringComparison.Ordinal)
                && original.TotalWeightInGrams == command.TotalWeightInGrams
                && original.RemainingWeightInGrams == command.RemainingWeightInGrams
                && original.SpoolWeightInGrams == command.SpoolWeightInGrams
                && original.LowStockThresholdInGrams == command.LowStockThresholdInGrams;
            return sameRequest
                ? CommandOutcome.Unchanged(existing)
                : CommandOutcome.Rejected(ErrorCodes.DuplicateId, $"A filament with id '{command.Id}' already exists with different details.");
        }

        var filament = new Filament(
            command.Id,
            command.Type,
            command.Color,
            command.TotalWeightInGrams,
            command.RemainingWeightInGrams,
            command.RemainingWeightInGrams)
        {
            CreatedAt = state.Now,
            UpdatedAt = state.Now,
            Version = state.ChangeVersion,
            SpoolWeightInGrams = command.SpoolWeightInGrams,
            LowStockThresholdInGrams = command.LowStockThresholdInGrams,
        };
        state.AddFilament(filament);
        state.OpenLedger(filament);
        return CommandOutcome.Created(filament);
    }

    /// <summary>The create that made this spool as it is, for a spool never edited.</summary>
    public static CreateFilament CommandOf(Filament filament)
        => new(filament.Id, filament.Type, filament.Color, filament.TotalWeightInGrams, filament.InitialRemainingWeightInGrams)
        {
            SpoolWeightInGrams = filament.SpoolWeightInGrams,
            LowStockThresholdInGrams = filament.LowStockThresholdInGrams,
        };
}
