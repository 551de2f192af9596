using Yarp.ReverseProxy.Forwarder;

namespace Raft3D.Node.Peers;

/// <summary>YARP's default request copy, plus the header that stops a second hop.</summary>
public sealed class ForwardingTransformer(string localNodeId) : HttpTransformer
{
    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        proxyRequest.Headers.TryAddWithoutValidation(PeerHeaders.ForwardedBy, localNodeId);
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var proceed = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        httpContext.Response.Headers[PeerHeaders.ForwardedBy] = localNodeId;
        return proceed;
    }
}
