using System.Net;
using Raft3D.Client;
using static Raft3D.Tests.Cli.FakeEventStream;

namespace Raft3D.Tests.Cli;

/// <summary>
/// The client's event stream against scripted nodes, for the failures a healthy cluster does not produce on
/// demand: a stream cut mid-way, a 5xx, a silent node, a slow_client reset.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class EventStreamFailoverTests
{
    private static readonly Uri First = new("http://first.invalid:8080");
    private static readonly Uri Second = new("http://second.invalid:8081");
    private static readonly Uri Third = new("http://third.invalid:8082");

    [Test]
    public async Task A_stream_cut_mid_way_resumes_on_the_next_node_after_the_last_id_it_gave()
    {
        var transport = new FakeTransport(request => request.RequestUri!.Host switch
        {
            "first.invalid" => Drops(Retry + ClusterEvent + Job(5, "j1", "Queued") + Job(6, "j1", "Running") + "event: print_job\nid: 7\ndata: {\"id\":"),
            _ => StaysOpen(Retry + ClusterEvent + Job(7, "j1", "Done")),
        });
        var interruptions = new List<EventStreamInterruption>();
        using var client = new Raft3DClient([First, Second], handler: transport);

        var events = await TakeAsync(client.WatchEventsAsync(new EventWatchOptions { Since = 4, Types = [FarmEventTypes.PrintJob, FarmEventTypes.Filament], Interrupted = interruptions.Add }), 5);

        Assert.Multiple(() =>
        {
            Assert.That(events.Select(Describe), Is.EqualTo(new[] { "cluster", "print_job 5 j1", "print_job 6 j1", "cluster", "print_job 7 j1" }), "the torn event 7 is not given; the second node's whole one is");
            Assert.That(events.Select(e => e.Node), Is.EqualTo(new[] { First, First, First, Second, Second }));
            Assert.That(events[^1].As<PrintJob>().Status, Is.EqualTo("Done"));
            Assert.That(transport.Requests.Select(r => (r.Node, r.PathAndQuery, r.LastEventId)), Is.EqualTo(new[]
            {
                ("first.invalid", "/api/v1/events?types=print_job,filament", "4"),
                ("second.invalid", "/api/v1/events?types=print_job,filament", "6"),
            }));
            Assert.That(interruptions.Single(), Is.EqualTo(new EventStreamInterruption(First, "The connection was reset.", 6, Second, TimeSpan.FromMilliseconds(10))));
        });
    }

    [Test]
    public async Task A_refused_connection_and_a_5xx_move_on_to_the_next_node_and_its_answer_becomes_the_preferred_one()
    {
        var transport = new FakeTransport(request => request.RequestUri!.Host switch
        {
            "first.invalid" => throw new HttpRequestException("Connection refused"),
            "second.invalid" => FakeTransport.Answer(HttpStatusCode.ServiceUnavailable, """{"code":"node_starting","status":503}"""),
            _ when request.RequestUri.AbsolutePath == "/api/v1/printers" => FakeTransport.Answer(HttpStatusCode.OK, "[]"),
            _ => StaysOpen(Job(12, "j2", "Queued")),
        });
        var interruptions = new List<EventStreamInterruption>();
        using var client = new Raft3DClient([First, Second, Third], handler: transport);

        var events = await TakeAsync(client.WatchEventsAsync(new EventWatchOptions { Since = 11, ReconnectionTime = TimeSpan.FromMilliseconds(5), Interrupted = interruptions.Add }), 1);
        var read = await client.ListPrintersAsync();

        Assert.Multiple(() =>
        {
            Assert.That(events.Select(Describe), Is.EqualTo(new[] { "print_job 12 j2" }));
            Assert.That(interruptions.Select(i => (i.Node, i.Reason, i.NextNode)), Is.EqualTo(new[]
            {
                (First, "Connection refused", Second),
                (Second, "503 node_starting", Third),
            }));
            Assert.That(interruptions.Select(i => i.Delay), Is.EqualTo(new[] { TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(10) }), "the wait doubles while nodes fail in a row");
            Assert.That(transport.Requests.Select(r => r.LastEventId).Take(3), Is.EqualTo(new[] { "11", "11", "11" }));
            Assert.That(read.Node, Is.EqualTo(Third), "other requests follow the stream to the node that answers");
        });
    }

    [Test]
    public void A_4xx_is_thrown_and_no_other_node_is_asked()
    {
        var transport = new FakeTransport(_ => FakeTransport.Answer(HttpStatusCode.BadRequest, """{"code":"validation_failed","status":400,"detail":"Unknown event type 'spools'."}"""));
        using var client = new Raft3DClient([First, Second], handler: transport);

        var refused = Assert.ThrowsAsync<EventStreamRefusedException>(() => TakeAsync(client.WatchEventsAsync(since: 1, types: ["spools"]), 1));

        Assert.Multiple(() =>
        {
            Assert.That(refused!.Problem.Code, Is.EqualTo("validation_failed"));
            Assert.That(refused.Message, Does.Contain("Unknown event type 'spools'."));
            Assert.That(transport.Requests.Select(r => r.Node), Is.EqualTo(new[] { "first.invalid" }));
        });
    }

    [Test]
    public async Task A_slow_client_reset_reaches_the_caller_and_the_closed_stream_resumes_after_the_last_event_received()
    {
        // As the node sends it: no id (the client never got what came after 6), the index of the last event sent.
        const string slowClient = "event: reset\ndata: {\"reason\":\"slow_client\",\"index\":6,\"oldest_index\":2}\n\n";
        var transport = new FakeTransport(request => request.RequestUri!.Host switch
        {
            "first.invalid" => Ends(Retry + Job(5, "j1", "Queued") + Job(6, "j1", "Running") + slowClient),
            _ => StaysOpen(Retry + Job(7, "j1", "Done")),
        });
        using var client = new Raft3DClient([First, Second], handler: transport);

        var events = await TakeAsync(client.WatchEventsAsync(since: 4), 4);

        Assert.Multiple(() =>
        {
            Assert.That(events.Select(Describe), Is.EqualTo(new[] { "print_job 5 j1", "print_job 6 j1", "reset", "print_job 7 j1" }));
            Assert.That(events[2].As<EventStreamReset>(), Is.EqualTo(new EventStreamReset("slow_client", 6, 2)));
            Assert.That(transport.Requests[1].LastEventId, Is.EqualTo("6"));
        });
    }

    [Test]
    public async Task A_reset_because_the_index_is_older_than_the_window_reaches_the_caller()
    {
        var tooOld = Reset("window", 500, 300);
        var transport = new FakeTransport(_ => StaysOpen(Retry + tooOld + Job(501, "j1", "Done")));
        using var client = new Raft3DClient([First], handler: transport);

        var events = await TakeAsync(client.WatchEventsAsync(since: 20), 2);

        Assert.That(events.Select(Describe), Is.EqualTo(new[] { "reset 500", "print_job 501 j1" }));
    }

    [Test]
    public async Task A_stream_silent_past_the_idle_timeout_is_left_for_the_next_node()
    {
        var transport = new FakeTransport(request => request.RequestUri!.Host switch
        {
            "first.invalid" => StaysOpen(Retry + Job(3, "j1", "Queued")),
            _ => StaysOpen(Retry + Job(4, "j1", "Running")),
        });
        var interruptions = new List<EventStreamInterruption>();
        using var client = new Raft3DClient([First, Second], handler: transport);

        var events = await TakeAsync(client.WatchEventsAsync(new EventWatchOptions { Since = 2, IdleTimeout = TimeSpan.FromMilliseconds(300), Interrupted = interruptions.Add }), 2);

        Assert.Multiple(() =>
        {
            Assert.That(events.Select(Describe), Is.EqualTo(new[] { "print_job 3 j1", "print_job 4 j1" }));
            Assert.That(interruptions.Single().Reason, Does.StartWith("nothing for 0.3 s"));
            Assert.That(transport.Requests[1].LastEventId, Is.EqualTo("3"));
        });
    }

    [Test]
    public async Task A_stream_quiet_for_longer_than_the_clients_request_timeout_stays_open()
    {
        // The timeout bounds connecting and the headers; a live stream is quiet for as long as the farm is.
        var transport = new FakeTransport(request => request.RequestUri!.Host switch
        {
            "first.invalid" => Pauses(Retry + Job(3, "j1", "Queued"), TimeSpan.FromMilliseconds(600), Job(4, "j1", "Running")),
            _ => StaysOpen(Retry + Job(4, "j1", "Running")),
        });
        var interruptions = new List<EventStreamInterruption>();
        using var client = new Raft3DClient([First, Second], handler: transport, timeout: TimeSpan.FromMilliseconds(200));

        var events = await TakeAsync(client.WatchEventsAsync(new EventWatchOptions { Since = 2, Interrupted = interruptions.Add }), 2);

        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => (e.Id, e.Node)), Is.EqualTo(new[] { ((long?)3, First), (4, First) }));
            Assert.That(interruptions, Is.Empty);
        });
    }

    [Test]
    public async Task Without_since_the_stream_starts_at_the_nodes_applied_index_so_a_break_before_any_event_loses_nothing()
    {
        var transport = new FakeTransport(request => (request.RequestUri!.Host, request.RequestUri.AbsolutePath) switch
        {
            (_, "/cluster/status") => FakeTransport.Answer(HttpStatusCode.OK, """{"node_id":"node1","role":"leader","term":2,"last_applied_index":41}"""),
            ("first.invalid", _) => Drops(Retry + ClusterEvent),
            _ => StaysOpen(Retry + Job(42, "j1", "Queued")),
        });
        using var client = new Raft3DClient([First, Second], handler: transport);

        var events = await TakeAsync(client.WatchEventsAsync(), 2);

        Assert.Multiple(() =>
        {
            Assert.That(events.Select(Describe), Is.EqualTo(new[] { "cluster", "print_job 42 j1" }));
            Assert.That(transport.Requests.Select(r => (r.Node, r.Path, r.LastEventId)), Is.EqualTo(new[]
            {
                ("first.invalid", "/cluster/status", (string?)null),
                ("first.invalid", "/api/v1/events", "41"),
                ("second.invalid", "/api/v1/events", "41"),
            }));
        });
    }

    private static string Describe(FarmEvent e)
        => e.Id is { } id
            ? e.Type == FarmEventTypes.Reset ? $"reset {id}" : $"{e.Type} {id} {e.Data.GetProperty("id").GetString()}"
            : e.Type;

    /// <summary>The first <paramref name="count"/> events, then the watch is left, as a caller breaking its loop does.</summary>
    private static async Task<List<FarmEvent>> TakeAsync(IAsyncEnumerable<FarmEvent> events, int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var taken = new List<FarmEvent>();
        try
        {
            await foreach (var e in events.WithCancellation(deadline.Token))
            {
                taken.Add(e);
                if (taken.Count == count)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Assert.Fail($"Expected {count} events within 10 s; got {string.Join(", ", taken.Select(Describe))}.");
        }

        return taken;
    }
}
