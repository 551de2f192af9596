namespace Raft3D.StateMachine.Commands;

/// <summary>
/// The one envelope every change to the farm travels in, through the Raft log and back out of it.
/// Ids are chosen before replication, so applying the same command twice is harmless.
/// </summary>
public abstract record Command
{
    public abstract CommandTag Tag { get; }
}
