using Microsoft.AspNetCore.Server.Kestrel.Core;
using Raft3D.Node.Security;

namespace Raft3D.Node.Hosting;

/// <summary>
/// Kestrel's limits, each chosen for this node rather than left to chance. Kestrel applies them to both listeners;
/// the API's own body limit is set per request by <c>RequestBodyLimitMiddleware</c>, because only the API's
/// requests are small.
/// </summary>
public static class KestrelLimits
{
    public static void Configure(KestrelServerOptions kestrel, RequestLimitOptions limits)
    {
        var server = kestrel.Limits;

        // Kestrel's only server-wide body limit (30 MB by default) would also cap the raft listener, where one
        // InstallSnapshot request carries the whole farm: a farm that outgrew it could never bring a follower back.
        // The API sets its own limit before it reads a byte; the raft guard refuses a request without proof of
        // membership before DotNext reads its body.
        server.MaxRequestBodySize = null;

        // Counted per listener (Kestrel keeps one counter per endpoint it binds), so API clients can never take
        // the connections peers need. Event streams hold one each for as long as they follow; the bench's 64
        // clients, the followers' forwarding pools and a few hundred dashboards and watchers fit in the default.
        server.MaxConcurrentConnections = limits.MaxConnections;

        // Nothing here upgrades a connection (no WebSockets; raft over HTTP/2 uses prior knowledge), and an
        // upgraded connection escapes every request timeout below.
        server.MaxConcurrentUpgradedConnections = 0;

        // Our clients send a dozen short headers (a bearer token, an Idempotency-Key of at most 128 characters,
        // If-Match, DotNext's X-Raft-* on the raft side). A browser on localhost may add other local apps' cookies,
        // so 16 KiB, half Kestrel's default, still leaves room; each slow connection pins less memory.
        server.MaxRequestHeadersTotalSize = 16 * 1024;
        server.MaxRequestHeaderCount = 50;

        // Every client and peer writes its headers at once; 10 s (Kestrel: 30 s) tolerates a bad network and cuts
        // a slowloris client's hold on a connection slot to a third.
        server.RequestHeadersTimeout = TimeSpan.FromSeconds(10);

        // Above the 2-minute idle timeout of the node's own outgoing pools (OutgoingConnections), so a follower
        // never sends a forwarded write on a connection the leader is closing; Kestrel's default, kept on purpose.
        server.KeepAliveTimeout = TimeSpan.FromSeconds(130);

        // An API body is at most a few KiB and arrives in one or two segments; 1 KiB/s after a 5 s grace (Kestrel:
        // 240 B/s) stops a client that trickles one out to hold a connection for minutes. Kestrel only times a read
        // the application is waiting on, so a raft request DotNext has not started to read is never cut.
        server.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 1024, gracePeriod: TimeSpan.FromSeconds(5));

        // Responses keep Kestrel's 240 B/s after 5 s. An event stream idles between changes without being cut (the
        // rate is measured only while a write waits on the client), and one whose client stops reading is cut after
        // about the five seconds the stream itself grants a slow client before dropping it.
        server.MinResponseDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
    }
}
