namespace Raft3D.Bench;

/// <summary>One line of the entity table: what a Raft3D cluster costs at a given number of printers.</summary>
/// <param name="Entities">Printers the cluster holds, counted by the cluster.</param>
/// <param name="ResidentMiB">The largest member's resident set.</param>
/// <param name="SnapshotBytes">Size of the newest file in the leader's snapshots/ folder; null when it has none yet.</param>
/// <param name="SnapshotSeconds">raft3d_snapshot_duration_seconds on the leader; null when it has no snapshot or does not export it.</param>
/// <param name="RestartMs">A follower's SIGKILL and restart until it serves a linearizable read.</param>
internal sealed record EntityRow(long Entities, double ResidentMiB, long? SnapshotBytes, double? SnapshotSeconds, double RestartMs);
