namespace Raft3D.Bench;

/// <summary>What one load run measured: acknowledged requests (2xx), failures, and the latency of every answer.</summary>
internal sealed record LoadResult(int Requests, int Errors, double Seconds, double P50Ms, double P99Ms, double P999Ms)
{
    public double Throughput => Requests / Seconds;
}
