namespace Raft3D.Node.Store.Events;

/// <summary>Why a client is told to reload its lists instead of being sent what it missed.</summary>
public static class ResetReason
{
    /// <summary>It asked to resume from an index older than the node still holds.</summary>
    public const string Window = "window";

    /// <summary>The node installed a snapshot: entries up to its index were skipped, their events never made.</summary>
    public const string Snapshot = "snapshot";

    /// <summary>It fell further behind than its buffer; the node closes its stream.</summary>
    public const string SlowClient = "slow_client";
}
