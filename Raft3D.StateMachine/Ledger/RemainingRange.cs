using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.StateMachine.Ledger;

/// <summary>A correction keeps remaining between 0 and the spool's total, like a create does.</summary>
internal static class RemainingRange
{
    public static CommandOutcome? Refusal(Filament filament, decimal remaining, string what)
        => remaining < 0m || remaining > filament.TotalWeightInGrams
            ? CommandOutcome.Rejected(
                ErrorCodes.WeightOutOfRange,
                $"{what} would leave filament '{filament.Id}' with {Grams.Format(remaining)} g; remaining must stay from 0 to its total of {Grams.Format(filament.TotalWeightInGrams)} g (it has {Grams.Format(filament.RemainingWeightInGrams)} g).")
            : null;
}
