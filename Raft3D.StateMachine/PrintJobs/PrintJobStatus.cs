namespace Raft3D.StateMachine.PrintJobs;

/// <summary>The life cycle of a print job; see <see cref="PrintJobTransitions"/> for the allowed moves.</summary>
public enum PrintJobStatus : byte
{
    Queued = 1,
    Running = 2,
    Done = 3,
    Canceled = 4,
}
