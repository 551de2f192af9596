namespace Raft3D.StateMachine;

/// <summary>Where the state machine keeps snapshots and how often it takes one.</summary>
public sealed class FarmStateMachineOptions
{
    public required string SnapshotDirectory { get; init; }

    /// <summary>Applied entries between snapshots. Fewer means faster restarts and more snapshot I/O.</summary>
    public int SnapshotInterval { get; init; } = 10_000;
}
