using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Raft3D.Node.Api.Limits;
using Raft3D.Node.Configuration;
using Raft3D.Node.Peers;
using Raft3D.Node.Security;

namespace Raft3D.Tests.Limits;

/// <summary>Who a request counts against: a token by its name, an open client by its address, a forwarded write by its sender.</summary>
[TestFixture]
[Category("Fast")]
public sealed class RateLimitPartitionerTests
{
    private const string Follower = "10.0.0.2";

    private static readonly RateLimitPartitioner Partitioner = new(new Raft3DOptions
    {
        NodeId = "node1",
        HttpUrl = "http://10.0.0.1:8080",
        RaftUrl = "http://10.0.0.1:9090/",
        Members =
        [
            new MemberOptions { Id = "node1", Http = "http://10.0.0.1:8080", Raft = "http://10.0.0.1:9090/" },
            new MemberOptions { Id = "node2", Http = $"http://{Follower}:8080", Raft = $"http://{Follower}:9090/" },
        ],
    });

    [Test]
    public void Two_tokens_are_two_clients_even_from_one_address()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Partitioner.ClientOf(Request("192.168.1.7", user: Token("alice"))), Is.EqualTo("token 'alice'"));
            Assert.That(Partitioner.ClientOf(Request("192.168.1.7", user: Token("bob"))), Is.EqualTo("token 'bob'"));
        });
    }

    [Test]
    public void An_open_client_is_its_address_whatever_it_claims()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Partitioner.ClientOf(Request("192.168.1.7")), Is.EqualTo("address 192.168.1.7"));
            Assert.That(Partitioner.ClientOf(Request("::ffff:192.168.1.7")), Is.EqualTo("address 192.168.1.7"), "IPv4 over an IPv6 socket");

            // Not from a member: the forwarding headers are the client's own word.
            Assert.That(Partitioner.ClientOf(Request("192.168.1.7", forwardedBy: "node2", forwardedFor: "10.9.9.9")), Is.EqualTo("address 192.168.1.7"));
        });
    }

    [Test]
    public void A_write_forwarded_by_a_member_counts_against_the_client_the_member_saw()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Partitioner.ClientOf(Request(Follower, forwardedBy: "node2", forwardedFor: "192.168.1.7")), Is.EqualTo("address 192.168.1.7"));

            // Only the last entry is the member's; what the client sent before it could be anything.
            Assert.That(Partitioner.ClientOf(Request(Follower, forwardedBy: "node2", forwardedFor: "6.6.6.6, 192.168.1.7")), Is.EqualTo("address 192.168.1.7"));
            Assert.That(Partitioner.ClientOf(Request("192.168.5.5", user: Peer("node2"), forwardedFor: "192.168.1.7")), Is.EqualTo("address 192.168.1.7"), "a peer proven by the cluster secret");
        });
    }

    [Test]
    public void A_members_own_call_is_not_limited()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Partitioner.ClientOf(Request(Follower, forwardedBy: "node2")), Is.Null, "a read index asked by a follower on behalf of all its readers");
            Assert.That(Partitioner.ClientOf(Request("192.168.5.5", user: Peer("node2"))), Is.Null);
        });
    }

    [Test]
    public void A_forwarded_write_with_a_token_counts_against_the_token()
        => Assert.That(Partitioner.ClientOf(Request(Follower, user: Token("alice"), forwardedBy: "node2", forwardedFor: "192.168.1.7")), Is.EqualTo("token 'alice'"));

    private static ClaimsPrincipal Token(string name) => new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, "operator")], "Raft3D"));

    private static ClaimsPrincipal Peer(string nodeId) => new(new ClaimsIdentity([new Claim(ClaimTypes.Name, $"peer:{nodeId}"), new Claim(ClaimTypes.Role, ApiRoleNames.Admin), new Claim(ClaimTypes.Role, ApiRoleNames.Peer)], "Raft3D"));

    private static DefaultHttpContext Request(string remote, ClaimsPrincipal? user = null, string? forwardedBy = null, string? forwardedFor = null)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (user is not null)
        {
            context.User = user;
        }

        if (forwardedBy is not null)
        {
            context.Request.Headers[PeerHeaders.ForwardedBy] = forwardedBy;
        }

        if (forwardedFor is not null)
        {
            context.Request.Headers[PeerHeaders.ForwardedFor] = forwardedFor;
        }

        return context;
    }
}
