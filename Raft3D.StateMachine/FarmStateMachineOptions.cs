namespace Raft3D.StateMachine;

/// <summary>Where the state machine keeps snapshots and how often it takes one.</summary>
public sealed class FarmStateMachineOptions
{
    /// <summary>The default of <see cref="SnapshotInterval"/>, also the node's setting's.</summary>
    public const int DefaultSnapshotInterval = 10_000;

    /// <summary>The default of <see cref="SnapshotIntervalPerRow"/>, also the node's setting's.</summary>
    public const double DefaultSnapshotIntervalPerRow = 0.2;

    public required string SnapshotDirectory { get; init; }

    /// <summary>Applied entries between snapshots. Fewer means faster restarts and more snapshot I/O.</summary>
    public int SnapshotInterval { get; init; } = DefaultSnapshotInterval;

    /// <summary>
    /// Grows the interval with the farm: a snapshot is due after at least this many entries per stored row (entity,
    /// ledger entry, kept key), when that is more than <see cref="SnapshotInterval"/>. A snapshot writes the whole
    /// state, so a fixed interval makes each entry cost more as the farm grows; an interval proportional to the
    /// state keeps the snapshot's share of the disk and of the apply loop's time constant. A fifth of an entry per row
    /// (100,000 entries at 500,000 rows, etcd's default interval) keeps the memory-mapped log behind the snapshot
    /// short: one entry per row left up to the whole farm's worth of log resident. 0 keeps the interval fixed.
    /// </summary>
    public double SnapshotIntervalPerRow { get; init; } = DefaultSnapshotIntervalPerRow;
}
