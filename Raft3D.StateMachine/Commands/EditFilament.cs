using Raft3D.StateMachine.Filaments;

namespace Raft3D.StateMachine.Commands;

/// <summary>A merge patch of a spool's descriptive fields; weights change only through jobs (and the ledger).</summary>
public sealed record EditFilament(string FilamentId, FilamentType? Type, string? Color) : Command
{
    public override CommandTag Tag => CommandTag.EditFilament;
}
