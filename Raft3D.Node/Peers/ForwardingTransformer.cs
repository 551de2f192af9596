using Yarp.ReverseProxy.Forwarder;

namespace Raft3D.Node.Peers;

/// <summary>YARP's default request copy, plus the header that stops a second hop and the client's address.</summary>
public sealed class ForwardingTransformer(string localNodeId) : HttpTransformer
{
    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        proxyRequest.Headers.TryAddWithoutValidation(PeerHeaders.ForwardedBy, localNodeId);

        // The leader's rate limiter counts a forwarded write against the client that sent it here, not against this
        // node: it reads the last entry, the one this node vouches for (what the client sent before it is hearsay).
        if (httpContext.Connection.RemoteIpAddress is { } client)
        {
            var address = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
            var earlier = httpContext.Request.Headers[PeerHeaders.ForwardedFor].ToString();
            proxyRequest.Headers.Remove(PeerHeaders.ForwardedFor);
            proxyRequest.Headers.TryAddWithoutValidation(PeerHeaders.ForwardedFor, earlier.Length == 0 ? address.ToString() : $"{earlier}, {address}");
        }
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var proceed = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        httpContext.Response.Headers[PeerHeaders.ForwardedBy] = localNodeId;
        return proceed;
    }
}
