using Raft3D.StateMachine.Commands;

namespace Raft3D.Node.Configuration;

/// <summary>
/// The <c>Raft3D:Idempotency</c> section: how many Idempotency-Keys the farm remembers, and for how long. The
/// leader sends its window with each keyed command, so every node evicts alike even if their settings differ.
/// </summary>
public sealed class IdempotencyOptions
{
    public int MaxKeys { get; set; } = 100_000;

    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The window a command proposed by this node carries with its key.</summary>
    public IdempotencyWindow Window => new(MaxKeys, MaxAge);
}
