using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.StateMachine.Commands;

public sealed record ChangePrintJobStatus(string JobId, PrintJobStatus Status) : Command
{
    public override CommandTag Tag => CommandTag.ChangePrintJobStatus;

    /// <summary>What the print really used (slicer or scale), consumed instead of the planned weight; Done only.</summary>
    public decimal? ActualWeightInGrams { get; init; }
}
