using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Raft3D.Node.Configuration;
using Raft3D.Node.Tls;

namespace Raft3D.Node.Hosting;

/// <summary>
/// One Kestrel, two listeners: the API (HTTP/1.1) and the raft one, which speaks only what peers use. A listener
/// whose URL is https presents the node's certificate; with mutual TLS the raft listener also demands one from
/// each peer, issued by the cluster's CA, and the handshake fails without it.
/// </summary>
public static class KestrelListeners
{
    public static void Configure(KestrelServerOptions kestrel, Raft3DOptions options, NodeCertificates certificates)
    {
        var api = new Uri(options.HttpUrl);
        Listen(kestrel, api, HttpProtocols.Http1, IsHttps(api) ? ApiHttps(certificates) : null);

        // Cleartext HTTP/2 needs prior knowledge, so the raft listener speaks only the protocol peers use.
        var raft = new Uri(options.RaftUrl);
        Listen(kestrel, raft, options.RaftHttp2 ? HttpProtocols.Http2 : HttpProtocols.Http1, IsHttps(raft) ? RaftHttps(certificates) : null);
    }

    /// <summary>Browsers, curl and the CLI connect here: no client certificate is asked for.</summary>
    private static HttpsConnectionAdapterOptions ApiHttps(NodeCertificates certificates) => new()
    {
        ServerCertificate = certificates.Certificate,
        ServerCertificateChain = certificates.Intermediates,
        ClientCertificateMode = ClientCertificateMode.NoCertificate,
    };

    /// <summary>
    /// With mutual TLS, Kestrel puts the validated certificate on the connection (HttpContext.Connection's
    /// ClientCertificate), where the raft channel's guard takes it as proof of membership.
    /// </summary>
    private static HttpsConnectionAdapterOptions RaftHttps(NodeCertificates certificates)
    {
        var https = ApiHttps(certificates);
        if (certificates.RequireClientCertificate)
        {
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = (certificate, chain, _) => ClusterTrust.IsIssuedToMember(certificate, chain, certificates.Authority);

            // The cluster's CA publishes no revocation list; see ClusterTrust.
            https.CheckCertificateRevocation = false;
        }

        return https;
    }

    private static bool IsHttps(Uri uri) => uri.Scheme == Uri.UriSchemeHttps;

    private static void Listen(KestrelServerOptions kestrel, Uri uri, HttpProtocols protocols, HttpsConnectionAdapterOptions? https)
    {
        void Configure(ListenOptions listen)
        {
            // Protocols first: UseHttps offers them in the handshake (ALPN) as they are set when it is called.
            listen.Protocols = protocols;
            if (https is not null)
            {
                listen.UseHttps(https);
            }
        }

        if (uri.IsLoopback && uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(uri.Port, Configure);
        }
        else if (IPAddress.TryParse(uri.Host, out var address))
        {
            kestrel.Listen(address, uri.Port, Configure);
        }
        else
        {
            kestrel.ListenAnyIP(uri.Port, Configure);
        }
    }
}
