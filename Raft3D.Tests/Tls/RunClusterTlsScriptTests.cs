using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Tls;

/// <summary>
/// <c>run-cluster.sh --tls</c> (and <c>run-cluster.ps1 -Tls</c>) as a user runs it: a local CA, https on every API
/// and raft listener with mutual TLS between nodes, and the seeds' flow through every node with a client that
/// trusts only that CA, followers forwarding writes to the leader over https.
/// </summary>
[TestFixture]
[Category("Scripts")]
[NonParallelizable]
public sealed class RunClusterTlsScriptTests
{
    [TestCase("bash")]
    [TestCase("pwsh")]
    public async Task The_TLS_cluster_passes_the_seeds_flow_over_https_through_every_node(string shell)
    {
        var script = new ClusterScript(shell, freePorts: true);
        if (await script.UnavailableReasonAsync() is { } reason)
        {
            Assert.Ignore(reason);
        }

        var tls = Path.Combine(script.Home, "data", "tls");
        var ca = Path.Combine(tls, "ca.crt");
        try
        {
            var started = await script.RunAsync(TimeSpan.FromMinutes(5), "start", script.TlsFlag);
            Assert.That(started.ExitCode, Is.Zero, started.Output);
            Assert.That(started.Output, Does.Contain("leader elected").And.Contain($"curl --cacert {ca}").And.Contain($"--cacert {ca}").And.Contain("update-ca-certificates"));

            for (var i = 1; i <= 3; i++)
            {
                using var client = TlsHttpClient.TrustingOnly(ca, Api(script, i));
                await SeedFlow.RunAsync(client, prefix: $"n{i}-");
            }

            await AWriteThroughAFollowerIsAnsweredByTheLeaderAsync(script, ca);
            await TheRaftListenerAdmitsOnlyPeersWithTheClusterCertificateAsync(script, tls);

            using (var untrusting = new HttpClient { BaseAddress = Api(script, 1) })
            {
                Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync("/healthz"), "the machine's own roots do not trust the demo CA");
            }

            var status = await script.RunAsync(TimeSpan.FromMinutes(1), "status");
            Assert.That(status.Output, Does.Contain("leader"), "status speaks https to a TLS cluster");

            // A fourth node gets its certificate from the same CA, joins over https, serves the farm's data, leaves.
            var added = await script.RunAsync(TimeSpan.FromMinutes(3), script.NodeCommand("add-node", 4));
            Assert.That(added.ExitCode, Is.Zero, added.Output);
            using (var node4 = TlsHttpClient.TrustingOnly(ca, Api(script, 4)))
            {
                Assert.That(await node4.GetStringAsync("/api/v1/printers"), Does.Contain("n1-p1"));
            }

            var removed = await script.RunAsync(TimeSpan.FromMinutes(2), script.NodeCommand("remove-node", 4));
            Assert.That(removed.Output, Does.Contain("stopped node4"));
        }
        finally
        {
            var stopped = await script.RunAsync(TimeSpan.FromMinutes(1), "stop");
            Assert.That(stopped.Output, Does.Contain("stopped node1").And.Contain("stopped node3"));
        }

        await Eventually.HoldsAsync(() => Task.FromResult(!script.HasRunningNodes()), TimeSpan.FromSeconds(20), "every node process started by the script to exit");
        Directory.Delete(script.Home, recursive: true);
    }

    private static async Task AWriteThroughAFollowerIsAnsweredByTheLeaderAsync(ClusterScript script, string ca)
    {
        using var first = TlsHttpClient.TrustingOnly(ca, Api(script, 1));
        var status = await first.GetFromJsonAsync<JsonElement>("/cluster/status");
        var leader = status.GetProperty("leader_id").GetString()!;
        Assert.That(status.GetProperty("leader_api_url").GetString(), Does.StartWith("https://"));
        Assert.That(status.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("raft_url").GetString()), Is.All.StartWith("https://"));

        var follower = Enumerable.Range(1, 3).First(i => $"node{i}" != leader);
        using var client = TlsHttpClient.TrustingOnly(ca, Api(script, follower));
        using var created = await client.CreatePrinterAsync("forwarded-p1");
        await created.ExpectAsync(HttpStatusCode.Created, $"a printer written through follower node{follower}");
        Assert.That(created.Headers.GetValues("X-Raft3D-Node").Single(), Is.EqualTo(leader), "the leader answered the forwarded write");
    }

    private static async Task TheRaftListenerAdmitsOnlyPeersWithTheClusterCertificateAsync(ClusterScript script, string tls)
    {
        var raft = new Uri($"https://127.0.0.1:{script.RaftPort(1)}");
        using (var anonymous = TlsHttpClient.TrustingOnly(Path.Combine(tls, "ca.crt"), raft))
        {
            Assert.ThrowsAsync<HttpRequestException>(() => anonymous.PostAsync("/", null), "a raft request without a client certificate");
        }

        using var peer = X509Certificate2.CreateFromPemFile(Path.Combine(tls, "node2.crt"), Path.Combine(tls, "node2.key"));
        using var member = TlsHttpClient.TrustingOnly(Path.Combine(tls, "ca.crt"), raft, peer);
        using var answered = await member.PostAsync("/", null);
        Assert.That((int)answered.StatusCode, Is.InRange(200, 499), "an HTTP answer at all: the handshake with a member's certificate succeeded");
    }

    private static Uri Api(ClusterScript script, int node) => new($"https://127.0.0.1:{script.ApiPort(node)}");
}
