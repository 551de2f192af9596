namespace Raft3D.StateMachine.Commands;

/// <summary>Retires a printer with no open jobs: gone from lists, its id never reused, its past jobs kept.</summary>
public sealed record DeletePrinter(string PrinterId) : Command
{
    public override CommandTag Tag => CommandTag.DeletePrinter;
}
