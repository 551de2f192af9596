using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Security;

/// <summary>
/// A node joining a cluster that requires auth must prove it belongs: with the cluster secret it is added (and an
/// admin can remove it again); with a wrong secret its requests are refused and the membership stays as it was.
/// </summary>
[TestFixture]
[Category("Integration")]
public sealed class JoinWithProofTests
{
    [Test]
    public async Task ANodeWithTheSecretJoinsAndAnAdminRemovesItAWrongSecretIsRefused()
    {
        var tokens = new TestTokens();
        var impostorSecret = new TestTokens().ClusterSecret;
        await using var cluster = await InProcessCluster.StartAsync(
            settings: node => node == "node5" ? [.. tokens.Settings(), $"--Raft3D:Security:ClusterSecret={impostorSecret}"] : tokens.Settings(),
            token: tokens.Admin);

        await cluster.JoinNewNodeAsync("node4");
        await Eventually.HoldsAsync(async () => await MemberCountAsync(cluster, "node1") == 4, TimeSpan.FromSeconds(60), "node4 to be a member");

        var leader = await cluster.WaitForLeaderAsync();
        var follower = cluster.Nodes.First(n => n.Id != leader && n.Id != "node4").Id;
        using (var operatorClient = TestTokens.Client(cluster.Nodes.Single(n => n.Id == follower).ApiUrl, tokens.Operator))
        {
            Assert.That((await operatorClient.DeleteAsync("/cluster/members/node4")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        }

        var removed = await cluster.Client(follower).DeleteAsync("/cluster/members/node4");
        Assert.That(removed.IsSuccessStatusCode, Is.True, $"{removed.StatusCode}: {await removed.Content.ReadAsStringAsync()}");
        await Eventually.HoldsAsync(async () => await MemberCountAsync(cluster, leader) == 3, TimeSpan.FromSeconds(30), "node4 to be gone");
        await cluster.StopNodeAsync("node4");

        await cluster.JoinNewNodeAsync("node5");
        await Eventually.HoldsAsync(
            async () => (await cluster.Client(leader).GetStringAsync("/metrics")).Contains("raft3d_auth_failures_total{reason=\"invalid_proof\"}", StringComparison.Ordinal)
                || (await cluster.Client(cluster.AFollower(leader)).GetStringAsync("/metrics")).Contains("raft3d_auth_failures_total{reason=\"invalid_proof\"}", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "the impostor's join request to be refused");
        Assert.That(await MemberCountAsync(cluster, leader), Is.EqualTo(3), "the impostor is not a member");
    }

    private static async Task<int> MemberCountAsync(InProcessCluster cluster, string nodeId)
        => (await cluster.Client(nodeId).GetFromJsonAsync<JsonElement>("/cluster/members", InProcessCluster.Json)).GetArrayLength();
}
