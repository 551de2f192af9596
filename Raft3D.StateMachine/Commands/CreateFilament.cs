using Raft3D.StateMachine.Filaments;

namespace Raft3D.StateMachine.Commands;

public sealed record CreateFilament(
    string Id,
    FilamentType Type,
    string Color,
    decimal TotalWeightInGrams,
    decimal RemainingWeightInGrams) : Command
{
    public override CommandTag Tag => CommandTag.CreateFilament;

    /// <summary>The empty spool's weight, so a scale reading of the full spool gives what is left.</summary>
    public decimal? SpoolWeightInGrams { get; init; }

    /// <summary>Below this many available grams the spool is low on stock; null: the node's default share of total.</summary>
    public decimal? LowStockThresholdInGrams { get; init; }
}
