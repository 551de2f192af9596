namespace Raft3D.Bench;

/// <summary>
/// The sustained-growth run of one system: 64-client write throughput in back-to-back windows from a fresh
/// cluster's first leader until it holds the growth target, and every member's resident memory right after.
/// </summary>
/// <param name="Windows">Writes/s of each window; the first starts as soon as the new cluster has a leader.</param>
/// <param name="Entities">Entities the cluster holds after the windows, counted by the cluster itself.</param>
/// <param name="ResidentMiB">Each member's resident set right after the last window.</param>
/// <param name="LaterWindows">Raft3D's windows that went on to the entity table's largest line (none for etcd).</param>
internal sealed record GrowthResult(IReadOnlyList<double> Windows, long Entities, IReadOnlyList<double> ResidentMiB, IReadOnlyList<double> LaterWindows)
{
    /// <summary>Windows 2 to 4 stand for steady throughput: past the warm-up, before the state has grown much.</summary>
    private const int SteadyWindows = 3;

    /// <summary>The first window against the median of the next three: how much a fresh process pays for warming up.</summary>
    public double WarmUpRatio => Windows[0] / Median([.. Windows.Skip(1).Take(SteadyWindows)]);

    /// <summary>The last window against the best: whether throughput holds as the state grows.</summary>
    public double GrowthRatio => Windows[^1] / Windows.Max();

    public double LargestResidentMiB => ResidentMiB.Max();

    private static double Median(double[] values)
    {
        Array.Sort(values);
        return (values[(values.Length - 1) / 2] + values[values.Length / 2]) / 2;
    }
}
