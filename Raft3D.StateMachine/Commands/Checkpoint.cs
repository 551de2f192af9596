namespace Raft3D.StateMachine.Commands;

/// <summary>
/// Changes no farm state; marks a point in the log. With <see cref="TakeSnapshot"/> every node snapshots at
/// this entry (an operator's "snapshot now"); without, it seals the snapshot begun at the previous one, since
/// DotNext finalises a snapshot file when the next entry is applied.
/// </summary>
public sealed record Checkpoint(bool TakeSnapshot) : Command
{
    public override CommandTag Tag => CommandTag.Checkpoint;
}
