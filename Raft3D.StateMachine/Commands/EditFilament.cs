using Raft3D.StateMachine.Filaments;

namespace Raft3D.StateMachine.Commands;

/// <summary>
/// A merge patch of a spool's descriptive fields and stock settings; remaining weight changes only through
/// jobs and ledger corrections.
/// </summary>
public sealed record EditFilament(string FilamentId, FilamentType? Type, string? Color) : Command
{
    public override CommandTag Tag => CommandTag.EditFilament;

    public WeightPatch SpoolWeightInGrams { get; init; }

    public WeightPatch LowStockThresholdInGrams { get; init; }
}
