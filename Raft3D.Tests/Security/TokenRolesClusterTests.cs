using System.Net;
using System.Text.Json;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Security;

/// <summary>
/// A real three-node cluster that requires tokens: every node refuses a missing or wrong token, and each role
/// may do exactly its part, on the leader and on followers alike (a follower's write is forwarded with the
/// caller's token and judged again by the leader).
/// </summary>
[TestFixture]
[Category("Integration")]
public sealed class TokenRolesClusterTests
{
    private readonly TestTokens tokens = new();
    private InProcessCluster cluster = null!;

    [OneTimeSetUp]
    public async Task StartCluster()
        => cluster = await InProcessCluster.StartAsync(settings: _ => tokens.Settings(), token: tokens.Admin);

    [OneTimeTearDown]
    public async Task StopCluster() => await cluster.DisposeAsync();

    [Test]
    public async Task EveryNodeAnswersAMissingToken401WithAChallengeAndAProblem()
    {
        foreach (var node in cluster.Nodes)
        {
            using var anonymous = TestTokens.Client(node.ApiUrl, token: null);
            foreach (var response in new[] { await anonymous.GetAsync("/api/v1/printers"), await anonymous.CreatePrinterAsync($"anon-{node.Id}"), await anonymous.GetAsync("/metrics") })
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"{node.Id} {response.RequestMessage!.RequestUri}");
                Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer realm=\"raft3d\""));
                Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
                Assert.That(await CodeOf(response), Is.EqualTo("unauthorized"));
            }

            // Probes from load balancers carry no token.
            Assert.That((await anonymous.GetAsync("/healthz")).StatusCode, Is.EqualTo(HttpStatusCode.OK), node.Id);
        }

        Assert.That((await cluster.Client("node1").GetAsync("/api/v1/printers/anon-node1")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a refused write wrote nothing");
    }

    [Test]
    public async Task AWrongTokenIsRefusedAsInvalidAndCounted()
    {
        using var wrong = TestTokens.Client(cluster.Nodes[1].ApiUrl, TestTokens.NewToken());
        var response = await wrong.GetAsync("/api/v1/printers");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.Contain("error=\"invalid_token\""));
        var metrics = await cluster.Client(cluster.Nodes[1].Id).GetStringAsync("/metrics");
        Assert.That(metrics, Does.Match("raft3d_auth_failures_total\\{reason=\"invalid_token\"\\} [1-9]"));
    }

    [Test]
    public async Task AViewerReadsEverywhereButItsWritesAre403OnEveryNode()
    {
        foreach (var node in cluster.Nodes)
        {
            using var viewer = TestTokens.Client(node.ApiUrl, tokens.Viewer);
            Assert.That((await viewer.GetAsync("/api/v1/printers")).StatusCode, Is.EqualTo(HttpStatusCode.OK), node.Id);
            Assert.That((await viewer.GetAsync("/cluster/status")).StatusCode, Is.EqualTo(HttpStatusCode.OK), node.Id);

            var write = await viewer.CreatePrinterAsync($"viewer-{node.Id}");
            Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), node.Id);
            Assert.That(await CodeOf(write), Is.EqualTo("forbidden"));
            Assert.That((await cluster.Client(node.Id).GetAsync($"/api/v1/printers/viewer-{node.Id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }
    }

    [Test]
    public async Task AnOperatorWritesFarmDataThroughEveryNodeButCannotTouchTheCluster()
    {
        var leader = await cluster.WaitForLeaderAsync();
        foreach (var node in cluster.Nodes)
        {
            using var operatorClient = TestTokens.Client(node.ApiUrl, tokens.Operator);
            var created = await operatorClient.CreatePrinterAsync($"op-{node.Id}");
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), $"{node.Id} (leader {leader})");

            var refused = new[]
            {
                await operatorClient.DeleteAsync($"/cluster/members/{cluster.AFollower(leader)}"),
                await operatorClient.PostAsync("/cluster/leader/resign", content: null),
                await operatorClient.PostAsync("/cluster/snapshot", content: null),
                await operatorClient.GetAsync("/cluster/backup"),
            };
            Assert.That(refused.Select(response => response.StatusCode), Is.All.EqualTo(HttpStatusCode.Forbidden), node.Id);
        }

        Assert.That(await cluster.WaitForLeaderAsync(), Is.EqualTo(leader), "no refused resign moved the leader");
        Assert.That((await cluster.StatusAsync(leader)).GetProperty("members").GetArrayLength(), Is.EqualTo(3));
    }

    [Test]
    public async Task AnAdminDownloadsABackupAndSnapshotsThroughAFollower()
    {
        var follower = cluster.AFollower(await cluster.WaitForLeaderAsync());
        Assert.That((await cluster.Client(follower).PostAsync("/cluster/snapshot", content: null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await cluster.Client(follower).GetAsync("/cluster/backup")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task ThePeerCommandEndpointRefusesEveryClientTokenEvenAnAdmins()
    {
        var leader = await cluster.WaitForLeaderAsync();
        var apiUrl = cluster.Nodes.Single(node => node.Id == leader).ApiUrl;
        foreach (var token in new[] { null, tokens.Viewer, tokens.Operator, tokens.Admin })
        {
            using var client = TestTokens.Client(apiUrl, token);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/cluster/commands") { Content = new ByteArrayContent([1, 0]) };
            request.Headers.Add("X-Raft3D-Forwarded-By", "node1");
            var response = await client.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(token is null ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden), token ?? "no token");
        }
    }

    private static async Task<string?> CodeOf(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString();
}
