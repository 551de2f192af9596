using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.StateMachine.Ledger;

internal static class MeasureFilamentHandler
{
    public static CommandOutcome Apply(FarmState state, MeasureFilament command)
    {
        if (CorrectedSpool.Find(state, command, command.FilamentId, out var refusal) is not { } filament)
        {
            return refusal!;
        }

        if ((command.SpoolWeightInGrams ?? filament.SpoolWeightInGrams) is not { } spool)
        {
            return CommandOutcome.Rejected(
                ErrorCodes.SpoolWeightUnknown,
                $"Filament '{filament.Id}' has no spool_weight_in_grams; send the empty spool's weight with the reading, or store it on the filament (PATCH).");
        }

        // A reading that matches the record is still an entry (of 0 g): it says the spool was checked, and when.
        var measured = command.GrossWeightInGrams - spool;
        return RemainingRange.Refusal(filament, measured, $"A gross weight of {Grams.Format(command.GrossWeightInGrams)} g less a {Grams.Format(spool)} g spool")
            ?? CommandOutcome.Updated(state.ChangeRemaining(
                filament,
                LedgerEntryKind.Measure,
                measured - filament.RemainingWeightInGrams,
                reason: command.Reason));
    }
}
