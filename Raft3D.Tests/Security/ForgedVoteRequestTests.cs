using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using DotNext.Net.Cluster;
using Microsoft.AspNetCore.Connections;
using Raft3D.Node.Security;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Security;

/// <summary>
/// Someone who can reach the leader's raft port but lacks the cluster secret sends DotNext's own vote request, as a
/// member, with a term 100 ahead. The leader refuses it before Raft sees it: the term and the leader stay. The same
/// request with a valid proof does move the term of a node that has lost its leader, which shows the refusal is
/// what protects it (while a leader is live, DotNext itself ignores vote requests, but not when it is not).
/// </summary>
[TestFixture]
[Category("Integration")]
public sealed class ForgedVoteRequestTests
{
    [Test]
    public async Task AVoteRequestWithoutProofIsRefusedAndTheTermStays()
    {
        var tokens = new TestTokens();
        await using var cluster = await InProcessCluster.StartAsync(settings: _ => tokens.Settings(), token: tokens.Admin);
        var leader = await cluster.WaitForLeaderAsync();
        var target = cluster.Nodes.Single(n => n.Id == leader);
        var impersonated = cluster.Nodes.Single(n => n.Id == cluster.AFollower(leader));
        var term = (await cluster.StatusAsync(target.Id)).GetProperty("term").GetInt64();

        using var raft = new HttpClient();
        using (var forged = VoteRequest(target, impersonated, term + 100))
        {
            var refused = await raft.SendAsync(forged);
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        Assert.That((await cluster.StatusAsync(target.Id)).GetProperty("term").GetInt64(), Is.EqualTo(term), "the forged vote request moved the term");
        Assert.That(await cluster.WaitForLeaderAsync(), Is.EqualTo(leader));
        Assert.That(await cluster.Client(target.Id).GetStringAsync("/metrics"), Does.Match("raft3d_raft_auth_failures_total [1-9]"));

        // A proof made with another secret is no better than none.
        using (var wronglySigned = VoteRequest(target, impersonated, term + 100))
        {
            new ClusterProof(new TestTokens().ClusterSecret, impersonated.Id).Sign(wronglySigned);
            Assert.That((await raft.SendAsync(wronglySigned)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        Assert.That((await cluster.StatusAsync(target.Id)).GetProperty("term").GetInt64(), Is.EqualTo(term));

        // The control. A node that has lost its leader honours a vote request from a member, so cut the target off
        // (stop the others) until it has stepped down; its term then stays put (DotNext pre-votes before an election).
        foreach (var other in cluster.Nodes.Where(n => n.Id != target.Id))
        {
            await cluster.StopNodeAsync(other.Id);
        }

        await Eventually.HoldsAsync(
            async () => (await cluster.StatusAsync(target.Id)).GetProperty("leader_id").ValueKind == JsonValueKind.Null,
            TimeSpan.FromSeconds(30),
            "the cut-off leader to step down");
        var alone = (await cluster.StatusAsync(target.Id)).GetProperty("term").GetInt64();
        using (var forged = VoteRequest(target, impersonated, alone + 100))
        {
            Assert.That((await raft.SendAsync(forged)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        Assert.That((await cluster.StatusAsync(target.Id)).GetProperty("term").GetInt64(), Is.LessThan(alone + 100), "refused, even by a node without a leader");

        // Signed with the cluster's secret, the very same request reaches Raft and moves the term.
        using (var signed = VoteRequest(target, impersonated, alone + 100))
        {
            new ClusterProof(tokens.ClusterSecret, impersonated.Id).Sign(signed);
            Assert.That((await raft.SendAsync(signed)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await Eventually.HoldsAsync(
            async () => (await cluster.StatusAsync(target.Id)).GetProperty("term").GetInt64() >= alone + 100,
            TimeSpan.FromSeconds(10),
            "a signed vote request to move the term");
    }

    /// <summary>DotNext 6's RequestVote over HTTP, as a member would send it.</summary>
    private static HttpRequestMessage VoteRequest(TestNode target, TestNode sender, long term)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(target.RaftUrl), "/cluster-consensus/raft")) { Content = new ByteArrayContent([]) };
        request.Headers.Add("X-Raft-Message-Type", "RequestVote");
        request.Headers.Add("X-Raft-Node-ID", ClusterMemberId.FromEndPoint(new UriEndPoint(new Uri(sender.RaftUrl))).ToString());
        request.Headers.Add("X-Request-ID", Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        request.Headers.Add("X-Raft-Term", term.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Raft-Record-Index", long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Raft-Record-Term", term.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Raft-State-Version", "0");
        return request;
    }
}
