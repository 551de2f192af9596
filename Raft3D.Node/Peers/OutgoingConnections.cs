using System.Net;
using System.Net.Sockets;
using Raft3D.Node.Tls;

namespace Raft3D.Node.Peers;

/// <summary>
/// Socket handlers for the node's own outgoing traffic (Raft to peers, writes forwarded to the leader). When the
/// node is configured on a specific address, its connections leave from that address too, so on a multi-homed
/// host peers and firewalls see one address per node, and a partition rule on that address cuts the node off.
/// Over https, a peer's certificate must chain to the cluster's CA when one is configured.
/// </summary>
public static class OutgoingConnections
{
    /// <param name="presentCertificate">
    /// Offer this node's certificate when the other side asks for one: raft peers that require mutual TLS do.
    /// </param>
    public static SocketsHttpHandler CreateHandler(string nodeUrl, TimeSpan connectTimeout, NodeCertificates certificates, bool presentCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = connectTimeout,
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        };

        if (certificates.Authority.Count > 0)
        {
            handler.SslOptions.CertificateChainPolicy = ClusterTrust.ForServers(certificates.Authority);
        }

        if (presentCertificate)
        {
            handler.SslOptions.ClientCertificateContext = certificates.CertificateContext;
        }

        if (LocalAddressOf(nodeUrl) is { } local)
        {
            handler.ConnectCallback = async (context, token) =>
            {
                var socket = new Socket(local.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        return handler;
    }

    private static IPAddress? LocalAddressOf(string url)
        => Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && IPAddress.TryParse(uri.Host, out var address)
            && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any)
                ? address
                : null;
}
