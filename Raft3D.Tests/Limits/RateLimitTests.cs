using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Limits;

/// <summary>
/// The per-client rate limiter on a real cluster. In this process every client is on loopback, so two clients are
/// told apart by the address their sockets leave from (127.0.0.2 and 127.0.0.3); with tokens they would be told
/// apart by token name the same way.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed partial class RateLimitTests
{
    private const int PermitsPerSecond = 20;
    private const int Burst = 20;
    private InProcessCluster cluster = null!;

    [OneTimeSetUp]
    public async Task StartCluster() => cluster = await InProcessCluster.StartAsync(
        settings: _ => [$"--Raft3D:Security:Limits:PermitsPerSecond={PermitsPerSecond}", $"--Raft3D:Security:Limits:Burst={Burst}"]);

    [OneTimeTearDown]
    public async Task StopCluster() => await cluster.DisposeAsync();

    [TestCase(false, TestName = "A client over its limit gets 429 while another client's writes to the leader keep their rate")]
    [TestCase(true, TestName = "A client over its limit gets 429 while another client's writes through a follower keep their rate")]
    public async Task Over_the_limit_client_is_refused_and_the_other_is_not(bool throughFollower)
    {
        var leader = await cluster.WaitForLeaderAsync();
        var node = throughFollower ? cluster.AFollower(leader) : leader;
        var url = cluster.Nodes.Single(n => n.Id == node).ApiUrl;
        var prefix = throughFollower ? "viaf" : "vial";
        using var flooder = SourceBoundClient.Create("127.0.0.2", url);
        using var steady = SourceBoundClient.Create("127.0.0.3", url);
        var refusedBefore = await RefusedOnEveryNodeAsync();

        // Four loops as fast as they go, writes and linearizable reads (through a follower each read asks the leader
        // for a read index; those calls must not count as one client on the leader either).
        using var stop = new CancellationTokenSource();
        var flood = new FloodTally();
        var floods = Enumerable.Range(0, 4).Select(loop => FloodAsync(flooder, $"{prefix}-flood{loop}", flood, stop.Token)).ToList();

        // The other client: a write and a read of it every 150 ms, about 13 requests a second, under its 20.
        var clock = Stopwatch.StartNew();
        var steadyOutcomes = new List<string>();
        using (var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(150)))
        {
            for (var i = 0; i < 30 && await pace.WaitForNextTickAsync(); i++)
            {
                using var created = await steady.PostAsJsonAsync("/api/v1/printers", new { id = $"{prefix}-steady{i}", company = "Prusa", model = "MK4" });
                steadyOutcomes.Add($"POST {(int)created.StatusCode}");
                using var read = await steady.GetAsync($"/api/v1/printers/{prefix}-steady{i}");
                steadyOutcomes.Add($"GET {(int)read.StatusCode}");
            }
        }

        var elapsed = clock.Elapsed;
        await stop.CancelAsync();
        await Task.WhenAll(floods);
        var refusedOnNodes = await RefusedOnEveryNodeAsync() - refusedBefore;
        TestContext.Out.WriteLine(
            $"{elapsed.TotalSeconds:F1} s: the steady client {steadyOutcomes.Count} requests ({steadyOutcomes.Count / elapsed.TotalSeconds:F1}/s), " +
            $"the flooder {flood.Succeeded} accepted ({flood.Succeeded / elapsed.TotalSeconds:F1}/s) and {flood.Refused} refused; nodes counted {refusedOnNodes} refusals");

        Assert.Multiple(() =>
        {
            Assert.That(steadyOutcomes, Has.Count.EqualTo(60).And.All.Matches<string>(o => o is "POST 201" or "GET 200"), "the steady client: every request answered as if nobody else were there");
            Assert.That(flood.Refused, Is.GreaterThan(0), "the flooder went over its limit");
            Assert.That(flood.Other, Is.Empty, "the flooder got only successes and 429s, never a 5xx");
            Assert.That(flood.BadRefusals, Is.Empty, "every 429 is a rate_limited problem with Retry-After in whole seconds, at least 1");

            // Generous: the burst, the steady rate over the window with half again for timer slack, and the flood's warm-up.
            Assert.That(flood.Succeeded, Is.LessThanOrEqualTo(Burst + (1.5 * PermitsPerSecond * (elapsed.TotalSeconds + 2))), "the flooder's accepted requests stay near its rate");
            Assert.That(refusedOnNodes, Is.GreaterThanOrEqualTo(flood.Refused), "raft3d_rate_limited_total counts every refusal");
        });
    }

    [Test]
    public async Task Health_endpoints_answer_a_client_over_its_limit()
    {
        var leader = await cluster.WaitForLeaderAsync();
        using var client = SourceBoundClient.Create("127.0.0.4", cluster.Nodes.Single(n => n.Id == leader).ApiUrl);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10 * Burst && !statuses.Contains(HttpStatusCode.TooManyRequests); i++)
        {
            using var response = await client.GetAsync("/cluster/status");
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses, Does.Contain(HttpStatusCode.TooManyRequests), $"the client ran out of requests within {10 * Burst} sent back to back");

        foreach (var path in new[] { "/healthz", "/readyz" })
        {
            using var health = await client.GetAsync(path);
            await health.ExpectAsync(HttpStatusCode.OK, $"{path} for a client over its limit");
        }
    }

    private static async Task FloodAsync(HttpClient client, string prefix, FloodTally tally, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            try
            {
                using var response = i % 2 == 0
                    ? await client.PostAsJsonAsync("/api/v1/printers", new { id = $"{prefix}-{i}", company = "Prusa", model = "MK4" }, stop)
                    : await client.GetAsync("/api/v1/printers?limit=1", stop);
                await tally.RecordAsync(response);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<double> RefusedOnEveryNodeAsync()
    {
        var total = 0.0;
        foreach (var node in cluster.Nodes)
        {
            var metrics = await cluster.Client(node.Id).GetStringAsync("/metrics");
            var match = RefusedLine().Match(metrics);
            Assert.That(match.Success, $"raft3d_rate_limited_total on {node.Id}");
            total += double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        return total;
    }

    [GeneratedRegex(@"^raft3d_rate_limited_total (\S+)$", RegexOptions.Multiline)]
    private static partial Regex RefusedLine();
}
