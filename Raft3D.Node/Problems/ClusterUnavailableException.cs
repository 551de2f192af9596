namespace Raft3D.Node.Problems;

/// <summary>
/// The cluster cannot serve this request now (no leader, lost leadership, no majority in time).
/// Always answered 503 with Retry-After: the client should retry, with the same ids, in a moment.
/// </summary>
public sealed class ClusterUnavailableException(string code, string detail, Exception? inner = null) : Exception(detail, inner)
{
    public string Code { get; } = code;
}
