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
}
