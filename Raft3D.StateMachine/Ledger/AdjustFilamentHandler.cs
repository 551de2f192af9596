using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.StateMachine.Ledger;

internal static class AdjustFilamentHandler
{
    public static CommandOutcome Apply(FarmState state, AdjustFilament command)
    {
        if (CorrectedSpool.Find(state, command, command.FilamentId, out var refusal) is not { } filament)
        {
            return refusal!;
        }

        var after = filament.RemainingWeightInGrams + command.Grams;
        return RemainingRange.Refusal(filament, after, $"Adjusting by {Grams.Format(command.Grams)} g")
            ?? CommandOutcome.Updated(state.ChangeRemaining(filament, LedgerEntryKind.Adjust, command.Grams, reason: command.Reason));
    }
}
