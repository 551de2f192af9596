namespace Raft3D.StateMachine.Commands;

/// <summary>A correction of a spool's remaining weight by <see cref="Grams"/> (signed): a new ledger entry, never an edit.</summary>
public sealed record AdjustFilament(string FilamentId, decimal Grams, string? Reason) : Command
{
    public override CommandTag Tag => CommandTag.AdjustFilament;
}
