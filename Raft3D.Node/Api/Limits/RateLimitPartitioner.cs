using System.Net;
using System.Threading.RateLimiting;
using Raft3D.Node.Configuration;
using Raft3D.Node.Peers;
using Raft3D.Node.Security;

namespace Raft3D.Node.Api.Limits;

/// <summary>
/// Splits the API's requests by client for the rate limiter, each client with its own token bucket: the token's
/// name when the caller authenticated with one, else the address it connects from. A client over its limit empties
/// only its own bucket, so it never slows anyone else down.
/// </summary>
/// <remarks>
/// A write a follower forwards reaches the leader from the follower's address. Counted by that address, every
/// client of the follower would share one bucket on the leader, and one busy client would throttle them all. So a
/// request from a peer counts against the client the follower names last in <c>X-Forwarded-For</c> (the address it
/// saw; earlier entries are the client's own word and are ignored). A request is from a peer when it carries the
/// peer role (the cluster-secret proof) or, on an open cluster, carries <see cref="PeerHeaders.ForwardedBy"/> and
/// comes from an address a configured member's URL names. A peer's own call (a read index, which serves many of
/// its clients, each already limited where it came in) names no client and is not limited. With tokens, a
/// forwarded write carries its caller's token and counts against that token like any other request.
/// </remarks>
public sealed class RateLimitPartitioner
{
    private readonly TokenBucketRateLimiterOptions bucket;
    private readonly HashSet<IPAddress> memberAddresses;

    public RateLimitPartitioner(Raft3DOptions options)
    {
        var limits = options.Security.Limits;
        bucket = new TokenBucketRateLimiterOptions
        {
            // The partitioned limiter refills every bucket each 100 ms, so a bucket smaller than a tenth of a second's
            // permits would cap the rate below the one configured.
            TokenLimit = Math.Max(limits.Burst, (int)Math.Ceiling(limits.PermitsPerSecond / 10.0)),
            TokensPerPeriod = Math.Max(limits.PermitsPerSecond, 1),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),

            // Refused at once, never queued: a queued request holds its connection, and Retry-After says when to return.
            QueueLimit = 0,
        };
        memberAddresses = [.. options.Members.SelectMany(member => new[] { member.Http, member.Raft })
            .Append(options.HttpUrl).Append(options.RaftUrl)
            .SelectMany(AddressesOf)];
    }

    /// <summary>One bucket per client; the limiter drops a bucket that stayed full for a while, so idle clients cost nothing.</summary>
    public PartitionedRateLimiter<HttpContext> CreateLimiter() => PartitionedRateLimiter.Create<HttpContext, string>(PartitionOf);

    /// <summary>Who <paramref name="context"/> counts against, as shown in the 429; null for a peer's own call.</summary>
    public string? ClientOf(HttpContext context)
    {
        var user = context.User;
        var fromPeerRole = user.IsInRole(ApiRoleNames.Peer);
        if (!fromPeerRole && user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name })
        {
            return $"token '{name}'";
        }

        var remote = Normalize(context.Connection.RemoteIpAddress);
        var fromPeer = fromPeerRole
            || (context.Request.Headers.ContainsKey(PeerHeaders.ForwardedBy) && remote is not null && memberAddresses.Contains(remote));
        if (fromPeer)
        {
            return LastForwardedFor(context.Request) is { } client ? $"address {client}" : null;
        }

        return $"address {remote?.ToString() ?? "unknown"}";
    }

    private RateLimitPartition<string> PartitionOf(HttpContext context)
        => ClientOf(context) is { } client
            ? RateLimitPartition.GetTokenBucketLimiter(client, _ => bucket)
            : RateLimitPartition.GetNoLimiter("peer");

    private static IPAddress? LastForwardedFor(HttpRequest request)
    {
        var values = request.Headers[PeerHeaders.ForwardedFor];
        var last = values.Count == 0 ? null : values[values.Count - 1]?.Split(',')[^1].Trim();
        return IPAddress.TryParse(last, out var address) ? Normalize(address) : null;
    }

    private static IEnumerable<IPAddress> AddressesOf(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return [];
        }

        if (uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return [IPAddress.Loopback, IPAddress.IPv6Loopback];
        }

        // A host name is not resolved here: such a member's forwarded writes count against its own address.
        return IPAddress.TryParse(uri.DnsSafeHost, out var address) && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any)
            ? [Normalize(address)!]
            : [];
    }

    private static IPAddress? Normalize(IPAddress? address)
        => address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
