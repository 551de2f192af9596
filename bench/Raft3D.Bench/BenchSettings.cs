namespace Raft3D.Bench;

/// <summary>Budgets for one bench run; <c>--quick</c> shrinks them for a smoke test.</summary>
internal sealed record BenchSettings(TimeSpan RunTime, int RunRequests, int Preload, int FailoverTrials, int RecoveryEntities)
{
    public static readonly int[] Concurrency = [1, 16, 64];

    public static BenchSettings Full => new(TimeSpan.FromSeconds(4), 60_000, 1_000, 10, 100_000);

    public static BenchSettings Quick => new(TimeSpan.FromSeconds(1), 5_000, 200, 2, 5_000);
}
