namespace Raft3D.StateMachine.Commands;

/// <summary>
/// A scale reading of a spool: remaining becomes the gross weight minus the empty spool's, given here or stored
/// on the filament. The difference to the recorded remaining is the ledger entry.
/// </summary>
public sealed record MeasureFilament(string FilamentId, decimal GrossWeightInGrams, decimal? SpoolWeightInGrams, string? Reason) : Command
{
    public override CommandTag Tag => CommandTag.MeasureFilament;
}
