namespace Raft3D.Client;

/// <summary>
/// An export broke off after its first bytes reached the destination: what was written is incomplete, and no
/// other node was tried, since a second export would be appended to the first one's partial bytes.
/// </summary>
public sealed class ExportInterruptedException(Uri node, long bytesWritten, Exception inner)
    : IOException($"The export from {node} stopped after {bytesWritten} bytes: {inner.Message}. What was written is incomplete.", inner)
{
    public Uri Node => node;

    public long BytesWritten => bytesWritten;
}
