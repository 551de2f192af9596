namespace Raft3D.Bench;

/// <summary>Everything one full run measured, for the results file.</summary>
/// <param name="EtcdTmpfs">Only with --tmpfs: etcd's rows with its data on /dev/shm, an fsync-free upper reference.</param>
internal sealed record BenchFigures(
    IReadOnlyDictionary<string, double> Raft3D,
    IReadOnlyDictionary<string, double> EtcdDisk,
    IReadOnlyDictionary<string, double>? EtcdTmpfs,
    GrowthResult Raft3DGrowth,
    GrowthResult EtcdGrowth,
    IReadOnlyList<EntityRow> Entities);
