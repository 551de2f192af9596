namespace Raft3D.StateMachine.Commands;

/// <summary>A merge patch of a Queued job's file and weight; its reservation follows the new weight.</summary>
public sealed record EditPrintJob(string JobId, string? Filepath, decimal? PrintWeightInGrams) : Command
{
    public override CommandTag Tag => CommandTag.EditPrintJob;
}
