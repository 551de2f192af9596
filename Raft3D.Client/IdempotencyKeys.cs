namespace Raft3D.Client;

/// <summary>
/// Idempotency-Keys as the API takes them: 1 to 128 printable ASCII characters, without leading or trailing spaces.
/// A write sent twice with the same key, on any node, applies once; the second answer is the first one's outcome,
/// marked <see cref="ApiResponse{T}.Replayed"/>.
/// </summary>
public static class IdempotencyKeys
{
    /// <summary>The node's limit: long enough for a UUID with a prefix.</summary>
    public const int MaxLength = 128;

    /// <summary>A fresh key: a random UUID, what the client sends when the caller names none.</summary>
    public static string New() => Guid.NewGuid().ToString();

    /// <summary>
    /// Checked here rather than left to the node's 400: a control character would not even make a valid header,
    /// and the caller should hear about it as a bad argument, not as an unreachable cluster. No space at either
    /// end: HTTP trims the spaces around a header value, so " k" would reach the node as "k", and two keys the
    /// caller keeps apart would be one request there. The same rule as the state machine's
    /// <c>IdempotencyKey.IsValid</c>, written again because the client references no Raft3D project: it knows the
    /// API only as HTTP, so a caller takes it without the domain. Change both together.
    /// </summary>
    public static bool IsValid(string? key)
        => !string.IsNullOrEmpty(key)
            && key.Length <= MaxLength
            && key[0] != ' '
            && key[^1] != ' '
            && key.All(ch => ch is >= ' ' and <= '~');
}
