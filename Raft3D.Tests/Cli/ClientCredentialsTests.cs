using System.Net;
using Raft3D.Client;
using static Raft3D.Tests.Cli.FakeEventStream;

namespace Raft3D.Tests.Cli;

/// <summary>
/// The client's bearer token against scripted nodes: sent on every request and every failover try, the event
/// stream included, and a 401 or 403 taken as the answer rather than as a reason to try the next node.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class ClientCredentialsTests
{
    private const string Token = "r3d_c2VjcmV0LXRva2VuLWZvci10ZXN0cy1vbmx5LTAwMDAwMDA";

    private const string Unauthorized = """
        {"type":"https://raft3d.dev/problems/unauthorized","title":"Unauthorized","status":401,"detail":"A bearer token is required.","code":"unauthorized"}
        """;

    private const string Forbidden = """
        {"type":"https://raft3d.dev/problems/forbidden","title":"Forbidden","status":403,"detail":"Your token's role cannot do this.","code":"forbidden"}
        """;

    private static readonly Uri First = new("http://first.invalid:8080");
    private static readonly Uri Second = new("http://second.invalid:8081");

    [Test]
    public async Task The_token_goes_as_a_bearer_on_every_try_of_a_read_and_a_write()
    {
        var transport = new FakeTransport(request => request.RequestUri!.Host == First.Host
            ? FakeTransport.Answer(HttpStatusCode.ServiceUnavailable, """{"code":"no_leader","status":503}""")
            : request.Method == HttpMethod.Delete ? new HttpResponseMessage(HttpStatusCode.NoContent)
            : FakeTransport.Answer(HttpStatusCode.OK, "[]"));
        using var client = new Raft3DClient([First, Second], new Raft3DClientOptions { BearerToken = Token + "\n", Handler = transport });

        await client.ListPrintersAsync();
        await client.DeletePrinterAsync("p1");

        Assert.That(
            transport.Requests.Select(r => (r.Node, r.Method.Method, r.Authorization)),
            Is.EqualTo(new[]
            {
                (First.Host, "GET", $"Bearer {Token}"),
                (Second.Host, "GET", $"Bearer {Token}"),
                (Second.Host, "DELETE", $"Bearer {Token}"),
            }),
            "every request, failover tries too, with the token trimmed of the newline a file gives it");
    }

    [Test]
    public async Task Without_a_token_no_authorization_header_is_sent()
    {
        var transport = new FakeTransport(_ => FakeTransport.Answer(HttpStatusCode.OK, "[]"));
        using var client = new Raft3DClient([First], handler: transport);

        await client.ListPrintersAsync();

        Assert.That(transport.Requests.Single().Authorization, Is.Null);
    }

    [TestCase(HttpStatusCode.Unauthorized, Unauthorized, "unauthorized")]
    [TestCase(HttpStatusCode.Forbidden, Forbidden, "forbidden")]
    public async Task A_401_or_403_is_the_answer_and_no_other_node_is_tried(HttpStatusCode status, string problem, string code)
    {
        var transport = new FakeTransport(_ => FakeTransport.Answer(status, problem));
        using var client = new Raft3DClient([First, Second], new Raft3DClientOptions { BearerToken = Token, Handler = transport });

        var created = await client.CreatePrinterAsync(new NewPrinter(null, "Prusa", "MK4"));

        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(status));
            Assert.That(created.Problem?.Code, Is.EqualTo(code));
            Assert.That(created.Node, Is.EqualTo(First));
            Assert.That(transport.Requests.Select(r => r.Node), Is.EqualTo(new[] { First.Host }), "a token wrong on one node is wrong on every node");
        });
    }

    [Test]
    public async Task The_event_stream_sends_the_token_on_its_status_read_and_on_the_stream()
    {
        var transport = new FakeTransport(request => request.RequestUri!.AbsolutePath == "/cluster/status"
            ? FakeTransport.Answer(HttpStatusCode.OK, """{"node_id":"node1","role":"leader","term":2,"last_applied_index":11}""")
            : StaysOpen(Retry + Job(12, "j1", "Queued")));
        using var client = new Raft3DClient([First], new Raft3DClientOptions { BearerToken = Token, Handler = transport });

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var e in client.WatchEventsAsync(token: stop.Token))
        {
            Assert.That(e.Id, Is.EqualTo(12));
            break;
        }

        Assert.That(
            transport.Requests.Select(r => (r.Path, r.Authorization)),
            Is.EqualTo(new[] { ("/cluster/status", $"Bearer {Token}"), ("/api/v1/events", $"Bearer {Token}") }));
    }

    [TestCase("/cluster/status")]
    [TestCase("/api/v1/events")]
    public void A_401_on_the_event_streams_requests_is_a_refusal_not_a_failover(string refusingPath)
    {
        var transport = new FakeTransport(request => request.RequestUri!.AbsolutePath == refusingPath
            ? FakeTransport.Answer(HttpStatusCode.Unauthorized, Unauthorized)
            : FakeTransport.Answer(HttpStatusCode.OK, """{"node_id":"node1","role":"leader","term":2,"last_applied_index":11}"""));
        using var client = new Raft3DClient([First, Second], handler: transport);

        var refused = Assert.ThrowsAsync<EventStreamRefusedException>(async () =>
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await foreach (var _ in client.WatchEventsAsync(token: stop.Token))
            {
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(refused!.Problem.Code, Is.EqualTo("unauthorized"));
            Assert.That(refused.Node, Is.EqualTo(First));
            Assert.That(transport.Requests.Select(r => r.Node).Distinct(), Is.EqualTo(new[] { First.Host }), "the second node is never asked");
        });
    }

    [TestCase("r3d_with a space")]
    [TestCase("r3d_naïve")]
    [TestCase("   ")]
    public void A_token_a_header_cannot_carry_is_refused_without_repeating_it(string token)
    {
        var refused = Assert.Throws<ArgumentException>(() => _ = new Raft3DClient([First], new Raft3DClientOptions { BearerToken = token }));

        Assert.That(refused!.Message, Does.Not.Contain(token.Trim().Length > 0 ? token.Trim() : "\u0000"), "the message never repeats a token, which may be a real one with a typo");
    }
}
