using System.Net;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Security;

/// <summary>
/// A follower forwards a write with the caller's token, and the leader judges it by that token, never by the
/// follower's rights. Shown with a token node1 knows as an operator's and the other nodes as a viewer's: written
/// through node1 while it follows, the write passes node1's check and is refused by the leader.
/// </summary>
[TestFixture]
[Category("Integration")]
public sealed class ForwardedWriteAuthorizationTests
{
    [Test]
    public async Task TheLeaderRefusesAForwardedWriteItsOwnTokensDoNotAllow()
    {
        var tokens = new TestTokens();
        var promoted = TestTokens.NewToken();
        await using var cluster = await InProcessCluster.StartAsync(
            settings: node => [.. tokens.Settings(), .. TestTokens.Token(3, "promoted", node == "node1" ? "operator" : "viewer", promoted)],
            token: tokens.Admin);
        var leader = await MakeSomeoneButNode1LeadAsync(cluster);

        using var throughNode1 = TestTokens.Client(cluster.Nodes[0].ApiUrl, promoted);
        var write = await throughNode1.CreatePrinterAsync("promoted-write");

        Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), $"node1 forwarded to {leader}");
        Assert.That(write.Headers.GetValues("X-Raft3D-Forwarded-By"), Is.EqualTo(new[] { "node1" }), "the answer came from the leader, through node1");
        Assert.That((await cluster.Client(leader).GetAsync("/api/v1/printers/promoted-write")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        // The same token reads through node1, and an operator's write through node1 reaches the leader and lands.
        Assert.That((await throughNode1.GetAsync("/api/v1/printers")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var operatorClient = TestTokens.Client(cluster.Nodes[0].ApiUrl, tokens.Operator);
        Assert.That((await operatorClient.CreatePrinterAsync("operator-write")).StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    private static async Task<string> MakeSomeoneButNode1LeadAsync(InProcessCluster cluster)
        => await Eventually.ReturnsAsync(
            async () =>
            {
                var leader = await cluster.WaitForLeaderAsync();
                if (leader != "node1")
                {
                    return leader;
                }

                await cluster.Client("node1").PostAsync("/cluster/leader/resign", content: null);
                return null;
            },
            TimeSpan.FromSeconds(60),
            "a leader other than node1");
}
