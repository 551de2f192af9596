namespace Raft3D.Node.Store;

/// <summary>
/// The cluster cannot serve this request now (no leader, lost leadership, no majority in time). The HTTP side
/// answers it 503 with Retry-After: the client should retry, with the same ids, in a moment.
/// </summary>
public sealed class ClusterUnavailableException(UnavailableReason reason, string detail, Exception? inner = null) : Exception(detail, inner)
{
    public UnavailableReason Reason { get; } = reason;
}
