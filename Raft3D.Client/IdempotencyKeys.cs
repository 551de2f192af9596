namespace Raft3D.Client;

/// <summary>
/// Idempotency-Keys as the API takes them: 1 to 128 printable ASCII characters. A write sent twice with the same
/// key, on any node, applies once; the second answer is the first one's outcome, marked <see cref="ApiResponse{T}.Replayed"/>.
/// </summary>
public static class IdempotencyKeys
{
    /// <summary>The node's limit: long enough for a UUID with a prefix.</summary>
    public const int MaxLength = 128;

    /// <summary>A fresh key: a random UUID, what the client sends when the caller names none.</summary>
    public static string New() => Guid.NewGuid().ToString();

    /// <summary>
    /// Checked here rather than left to the node's 400: a control character would not even make a valid header,
    /// and the caller should hear about it as a bad argument, not as an unreachable cluster.
    /// </summary>
    public static bool IsValid(string? key)
        => !string.IsNullOrEmpty(key) && key.Length <= MaxLength && key.All(ch => ch is >= ' ' and <= '~');
}
