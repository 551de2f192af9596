namespace Raft3D.StateMachine.Commands;

/// <summary>How long keys are remembered: at most <see cref="MaxKeys"/> of them, none older than <see cref="MaxAge"/>.</summary>
public sealed record IdempotencyWindow(int MaxKeys, TimeSpan MaxAge)
{
    /// <summary>Stripe's 24 hours, and enough keys for a busy day of a large farm.</summary>
    public static IdempotencyWindow Default { get; } = new(100_000, TimeSpan.FromHours(24));

    public const int MaxMaxKeys = 10_000_000;
}
