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

        if (VersionCheck.Refuse(command, filament.Version, $"Filament '{filament.Id}'") is { } stale)
        {
            return stale;
        }

        var edited = filament with { Type = command.Type ?? filament.Type, Color = command.Color ?? filament.Color };
        return edited == filament
            ? CommandOutcome.Unchanged(filament)
            : CommandOutcome.Updated(state.TouchFilament(edited));
    }
}
