using System.Net;

namespace Raft3D.Client;

/// <summary>
/// One answer from a node: the status, the body exactly as sent (for <c>-o json</c>), and either the parsed
/// value or the problem. <see cref="Node"/> says which node answered.
/// </summary>
public sealed record ApiResponse<T>(HttpStatusCode StatusCode, string RawJson, T? Value, Problem? Problem, Uri Node)
{
    public bool IsSuccess => (int)StatusCode is >= 200 and < 300;

    /// <summary>
    /// On a page of a list asked for with a limit: the next page's path and query, from the Link rel="next"
    /// header; null on the last page. <see cref="Raft3DClient.NextPageAsync{T}"/> follows it.
    /// </summary>
    public string? NextPage { get; init; }

    /// <summary>On a list: how many entities match in all (X-Total-Count), however many this page holds.</summary>
    public long? TotalCount { get; init; }

    /// <summary>
    /// The node answered with the kept outcome of an earlier request with the same Idempotency-Key
    /// (Idempotent-Replayed: true): this request changed nothing, the first one did. Kept problems are replayed too.
    /// </summary>
    public bool Replayed { get; init; }

    /// <summary>
    /// The Idempotency-Key this call sent (the caller's, or the one the client made for it) on every node it tried;
    /// null for a read. When a write gets no definite answer (a 5xx, such as a 503 from every node), it may or may
    /// not have been applied: send it again with this key, never a new one, and it applies at most once.
    /// </summary>
    public string? IdempotencyKey { get; init; }
}
