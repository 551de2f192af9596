using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.StateMachine.Filaments;

internal static class ArchiveFilamentHandler
{
    public static CommandOutcome Apply(FarmState state, ArchiveFilament command)
    {
        if (state.Filaments.Find(command.FilamentId) is not { } filament)
        {
            return CommandOutcome.Rejected(ErrorCodes.NotFound, $"Filament '{command.FilamentId}' does not exist.");
        }

        if (filament.IsArchived)
        {
            return CommandOutcome.Unchanged(filament);
        }

        if (VersionCheck.Refuse(command, filament.Version, $"Filament '{filament.Id}'") is { } stale)
        {
            return stale;
        }

        // Jobs hold a weight of it in reserve; archiving under them would strand them at their start.
        var reserved = state.ReservedGramsOf(filament.Id);
        if (reserved > 0m)
        {
            return CommandOutcome.Rejected(
                ErrorCodes.FilamentHasOpenJobs,
                $"Filament '{filament.Id}' is held by queued or running jobs ({Grams.Format(reserved)} g); finish, cancel or edit them before archiving it.");
        }

        return CommandOutcome.Updated(state.TouchFilament(filament with { IsArchived = true, ArchivedAt = state.Now }));
    }
}
