namespace Raft3D.Client;

/// <summary>Every node was tried and none answered; the message lists what each said.</summary>
public sealed class NoNodeReachableException(string message, string? idempotencyKey = null) : Exception(message)
{
    /// <summary>
    /// The Idempotency-Key the write sent on every try; null for a read. A try whose connection broke or timed out
    /// may still have reached the log, so the write is applied or not: send it again with this key, never a new one.
    /// </summary>
    public string? IdempotencyKey => idempotencyKey;
}
