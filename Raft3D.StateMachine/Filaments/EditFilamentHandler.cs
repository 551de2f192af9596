using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.StateMachine.Filaments;

internal static class EditFilamentHandler
{
    public static CommandOutcome Apply(FarmState state, EditFilament command)
    {
        if (state.Filaments.Find(command.FilamentId) is not { } filament)
        {
            return CommandOutcome.Rejected(ErrorCodes.NotFound, $"Filament '{command.FilamentId}' does not exist.");
        }

        // An edit to what already is changes nothing, whatever If-Match says (a retry after the first try applied).
        var edited = filament with
        {
            Type = command.Type ?? filament.Type,
            Color = command.Color ?? filament.Color,
            SpoolWeightInGrams = command.SpoolWeightInGrams.ApplyTo(filament.SpoolWeightInGrams),
            LowStockThresholdInGrams = command.LowStockThresholdInGrams.ApplyTo(filament.LowStockThresholdInGrams),
        };
        if (edited == filament)
        {
            return CommandOutcome.Unchanged(filament);
        }

        return VersionCheck.Refuse(command, filament.Version, $"Filament '{filament.Id}'")
            ?? CommandOutcome.Updated(state.TouchFilament(edited with { CreatedAs = filament.CreatedAs ?? CreateFilamentHandler.CommandOf(filament) }));
    }
}
