namespace Raft3D.Node.Security;

/// <summary>
/// Signs every raft request this node sends, last in line, so the proof covers the headers DotNext set. Without a
/// cluster secret it passes requests on untouched.
/// </summary>
public sealed class ClusterProofHandler(ClusterProof? proof) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        proof?.Sign(request);
        return base.SendAsync(request, cancellationToken);
    }
}
