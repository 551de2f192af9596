namespace Raft3D.Bench;

/// <summary>What one load run measured.</summary>
internal sealed record LoadResult(int Requests, int Errors, double Seconds, double P50Ms, double P99Ms)
{
    public double Throughput => Requests / Seconds;
}
