using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.StateMachine.Commands;

public sealed record ChangePrintJobStatus(string JobId, PrintJobStatus Status) : Command
{
    public override CommandTag Tag => CommandTag.ChangePrintJobStatus;
}
