using System.Net;

namespace Raft3D.Node.Forwarding;

/// <summary>
/// The one connection pool this node uses to reach the leader's API. Shared and long-lived so forwarded
/// writes reuse warm connections instead of paying a TCP handshake each.
/// </summary>
public sealed class LeaderForwardingClient : IDisposable
{
    public HttpMessageInvoker Invoker { get; } = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(1),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
    });

    public void Dispose() => Invoker.Dispose();
}
