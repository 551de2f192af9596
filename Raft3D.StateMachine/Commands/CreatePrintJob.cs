using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.StateMachine.Commands;

/// <param name="PrinterId">The printer whose queue the job joins; null puts it in the farm's unassigned queue.</param>
/// <param name="RequestedStatus">
/// The status the client asked the job to start in. Carried so that the rule "every job starts Queued"
/// lives in the state machine with the others, not in a controller.
/// </param>
public sealed record CreatePrintJob(
    string Id,
    string? PrinterId,
    string FilamentId,
    string Filepath,
    decimal PrintWeightInGrams,
    PrintJobStatus RequestedStatus = PrintJobStatus.Queued) : Command
{
    public override CommandTag Tag => CommandTag.CreatePrintJob;
}
