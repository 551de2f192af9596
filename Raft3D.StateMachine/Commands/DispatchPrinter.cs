namespace Raft3D.StateMachine.Commands;

/// <summary>
/// Starts the head of a printer's queue. One command, so two operators pressing dispatch at once start one
/// job: the second finds the printer busy.
/// </summary>
public sealed record DispatchPrinter(string PrinterId) : Command
{
    public override CommandTag Tag => CommandTag.DispatchPrinter;
}
