using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Raft3D.Node.Configuration;

namespace Raft3D.Node.Hosting;

/// <summary>One Kestrel, two listeners: the API (HTTP/1.1) and the raft one, which speaks only what peers use.</summary>
public static class KestrelListeners
{
    public static void Configure(KestrelServerOptions kestrel, Raft3DOptions options)
    {
        Listen(kestrel, new Uri(options.HttpUrl), HttpProtocols.Http1);

        // Cleartext HTTP/2 needs prior knowledge, so the raft listener speaks only the protocol peers use.
        Listen(kestrel, new Uri(options.RaftUrl), options.RaftHttp2 ? HttpProtocols.Http2 : HttpProtocols.Http1);
    }

    private static void Listen(KestrelServerOptions kestrel, Uri uri, HttpProtocols protocols)
    {
        void Configure(ListenOptions listen) => listen.Protocols = protocols;
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
