using System.Net;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Events;

/// <summary>
/// The stream's framing, its refusals, and who may call across origins, on a one-node cluster whose heartbeat is
/// fast enough to wait for.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class EventStreamShapeTests
{
    private ProcessCluster cluster = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => cluster = await ProcessCluster.StartAsync(1, 10_000, false, "--Raft3D:Events:HeartbeatSeconds=0.3");

    [OneTimeTearDown]
    public async Task StopAsync() => await cluster.DisposeAsync();

    [Test]
    public async Task A_quiet_stream_greets_with_the_cluster_and_then_sends_heartbeat_comments()
    {
        using var http = new HttpClient { BaseAddress = new Uri(cluster.Nodes[0].ApiUrl), Timeout = Timeout.InfiniteTimeSpan };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await http.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token));
        var lines = new List<string>();
        while (await reader.ReadLineAsync(deadline.Token) is { } line)
        {
            lines.Add(line);
            if (line == ": heartbeat")
            {
                break;
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.CacheControl?.NoCache, Is.True);
            Assert.That(lines[0], Is.EqualTo("retry: 1000"));
            Assert.That(lines, Does.Contain("event: cluster"));
            Assert.That(lines.Single(l => l.StartsWith("data: ", StringComparison.Ordinal)), Does.Contain("\"role\":\"leader\"").And.Contain("\"node_id\":\"node1\""));
            Assert.That(lines, Has.None.StartsWith("id: "), "the cluster event is live only: it has no id to resume from");
        });
    }

    [TestCase("?types=printer,spools", "types must be a comma-separated list")]
    [TestCase("?since=yesterday", "must be a log index")]
    [TestCase("?since=-3", "must be a log index")]
    public async Task A_bad_query_is_a_validation_problem_not_a_stream(string query, string detail)
    {
        using var response = await cluster.Client("node1").GetAsync("/api/v1/events" + query);
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await response.ProblemCodeAsync(), Is.EqualTo("validation_failed"));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(detail));
        });
    }

    [TestCase("http://127.0.0.1", true)]
    [TestCase("http://localhost", true)]
    [TestCase("http://evil.example", false)]
    public async Task Cross_origin_calls_are_allowed_only_from_a_members_own_origin(string host, bool allowed)
    {
        // The dashboard moves to another member when its own dies: its page's origin is a member's.
        var origin = $"{host}:{cluster.Nodes[0].ApiPort}";
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/printers");
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,idempotency-key");
        using var response = await cluster.Client("node1").SendAsync(preflight);
        var allowOrigin = response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
        Assert.That(allowOrigin, allowed ? Is.EqualTo(origin) : Is.Null);
    }

    [Test]
    public async Task A_bad_Last_Event_ID_is_a_validation_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events");
        request.Headers.TryAddWithoutValidation("Last-Event-ID", "12abc");
        using var response = await cluster.Client("node1").SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
