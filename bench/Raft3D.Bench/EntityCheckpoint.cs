namespace Raft3D.Bench;

/// <summary>
/// Takes one line of the entity table from a running Raft3D cluster: memory and the newest snapshot first, while
/// all three members still hold the state, then the restart of a follower (it rejoins before this returns).
/// </summary>
internal sealed class EntityCheckpoint(Raft3DTarget target, HttpClient http)
{
    // The restarted follower is asked for this printer; writing it again is a replay, so every checkpoint can.
    private const string ProbeId = "probe-00000000";

    private readonly ClusterWaits waits = new(target, http);

    public async Task<EntityRow> MeasureAsync()
    {
        await waits.WriteAsync(ProbeId, TimeSpan.FromSeconds(60));
        var leader = await waits.LeaderAsync(TimeSpan.FromSeconds(60));
        var entities = await waits.CountAsync();
        var resident = Enumerable.Range(0, target.Size).Max(target.ResidentMiB);
        var snapshots = new DirectoryInfo(Path.Combine(target.DataDirectory(leader), "snapshots"));
        // DotNext writes a snapshot as a .tmp file in the same folder and renames it when complete: not one yet.
        var newest = snapshots.Exists ? snapshots.GetFiles().Where(f => f.Extension != ".tmp").MaxBy(f => f.LastWriteTimeUtc) : null;
        // A build without the gauge, or a node that has taken no snapshot yet (the gauge reads 0), says n/a.
        var seconds = newest is null ? null : await target.MetricAsync(leader, "raft3d_snapshot_duration_seconds");
        var restart = await waits.RestartToServingMsAsync((leader + 1) % target.Size, ProbeId);
        return new EntityRow(entities, resident, newest?.Length, seconds, restart);
    }
}
