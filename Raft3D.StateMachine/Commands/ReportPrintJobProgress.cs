namespace Raft3D.StateMachine.Commands;

/// <summary>How far a Running job is, 0 to 100. Progress never goes back, so a late retry cannot undo it.</summary>
public sealed record ReportPrintJobProgress(string JobId, int Percent) : Command
{
    public override CommandTag Tag => CommandTag.ReportPrintJobProgress;
}
