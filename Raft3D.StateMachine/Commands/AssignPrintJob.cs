namespace Raft3D.StateMachine.Commands;

/// <summary>Puts a Queued job at the tail of a printer's queue, from the unassigned queue or another printer's.</summary>
public sealed record AssignPrintJob(string JobId, string PrinterId) : Command
{
    public override CommandTag Tag => CommandTag.AssignPrintJob;
}
