using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.StateMachine.Ledger;

internal static class AdjustFilamentHandler
{
    public static CommandOutcome Apply(FarmState state, AdjustFilament command)
    {
        if (state.Filaments.Find(command.FilamentId) is not { } filament)
        {
            return CommandOutcome.Rejected(ErrorCodes.NotFound, $"Filament '{command.FilamentId}' does not exist.");
        }

        if (VersionCheck.Refuse(command, filament.Version, $"Filament '{filament.Id}'") is { } stale)
        {
            return stale;
        }

        var after = filament.RemainingWeightInGrams + command.Grams;
        return RemainingRange.Refusal(filament, after, $"Adjusting by {Grams.Format(command.Grams)} g")
            ?? CommandOutcome.Updated(state.ChangeRemaining(filament, LedgerEntryKind.Adjust, command.Grams, reason: command.Reason));
    }
}
