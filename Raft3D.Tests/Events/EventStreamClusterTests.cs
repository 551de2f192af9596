using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Events;

/// <summary>
/// /api/v1/events on a real three-node cluster of node processes: a reader on one node sees every write made
/// through the others, in log order, once, across a leader killed with SIGKILL; resuming returns exactly what
/// was missed; readers that never read do not hold writes up.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class EventStreamClusterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_reader_on_a_follower_sees_every_write_through_the_other_nodes_in_log_order_across_a_leader_kill()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        var leader = await cluster.WaitForLeaderAsync();
        var follower = cluster.Nodes.First(n => n.Id != leader).Id;
        var other = cluster.Nodes.Single(n => n.Id != leader && n.Id != follower).Id;
        await using var reader = await EventStreamReader.OpenAsync(cluster.Node(follower).ApiUrl, "/api/v1/events?types=printer");
        Assert.That(reader.Response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));

        var written = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var id = $"before-{i}";
            await (await cluster.Client(i % 2 == 0 ? leader : other).CreatePrinterAsync(id)).ExpectAsync(HttpStatusCode.Created, $"create {id}");
            written.Add(id);
        }

        cluster.Kill(leader);
        await cluster.WaitForLeaderAsync();
        for (var i = 0; i < 20; i++)
        {
            var id = $"after-{i}";
            await WriteUntilAcknowledgedAsync(cluster.Client(other), id);
            written.Add(id);
        }

        var seen = await reader.UntilAsync(e => e.Type == "printer" && e.Json.GetProperty("id").GetString() == written[^1], Patience);
        var printers = seen.Where(e => e.Type == "printer").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(printers.Select(e => e.Json.GetProperty("id").GetString()), Is.EqualTo(written), "every write once, in the order it was acknowledged");
            Assert.That(printers.Select(e => e.Id!.Value), Is.Ordered.Ascending.And.Unique, "log order, no duplicate index");
            Assert.That(printers.Select(e => e.Json.GetProperty("version").GetInt64()), Is.EqualTo(printers.Select(e => e.Id!.Value)), "the id is the entry that made the change");
            Assert.That(seen.Where(e => e.Type != "printer" && e.Type != "cluster"), Is.Empty, "only the types asked for");
        });
    }

    [Test]
    public async Task Resuming_with_Last_Event_ID_after_a_disconnect_returns_exactly_the_missed_events()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        var leader = await cluster.WaitForLeaderAsync();
        var follower = cluster.Nodes.First(n => n.Id != leader).Id;
        long lastSeen;
        await using (var first = await EventStreamReader.OpenAsync(cluster.Node(follower).ApiUrl, "/api/v1/events?types=printer,filament,ledger"))
        {
            await (await cluster.Client(leader).CreatePrinterAsync("seen")).ExpectAsync(HttpStatusCode.Created, "create seen");
            lastSeen = (await first.UntilAsync(e => e.Type == "printer", Patience))[^1].Id!.Value;
        }

        var missed = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            await (await cluster.Client(leader).CreatePrinterAsync($"missed-{i}")).ExpectAsync(HttpStatusCode.Created, "create while away");
            await (await cluster.Client(leader).CreateFilamentAsync($"spool-{i}", 1000m)).ExpectAsync(HttpStatusCode.Created, "create while away");
            missed.AddRange([$"printer missed-{i}", $"filament spool-{i}", $"ledger spool-{i}"]);
        }

        await using var resumed = await EventStreamReader.OpenAsync(cluster.Node(follower).ApiUrl, "/api/v1/events?types=printer,filament,ledger", lastSeen);
        await (await cluster.Client(leader).CreatePrinterAsync("sentinel")).ExpectAsync(HttpStatusCode.Created, "create the sentinel");
        var replayed = await resumed.UntilAsync(e => e.Type == "printer" && e.Json.GetProperty("id").GetString() == "sentinel", Patience);
        Assert.Multiple(() =>
        {
            Assert.That(replayed.SkipLast(1).Select(Describe), Is.EqualTo(missed), "exactly the missed events, in order");
            Assert.That(replayed.Select(e => e.Id!.Value), Is.Ordered.Ascending);
            Assert.That(replayed[0].Id, Is.GreaterThan(lastSeen));
        });
    }

    [Test]
    public async Task Fifty_readers_that_never_read_do_not_hold_up_writes_and_are_dropped_when_they_fall_behind()
    {
        await using var cluster = await ProcessCluster.StartAsync(3, 10_000, false, "--Raft3D:Events:ClientBuffer=16");
        var leader = await cluster.WaitForLeaderAsync();
        var client = cluster.Client(leader);
        await FarmApi.ExpectCreatedAsync(() => client.CreatePrinterAsync("p"), "create the printer");
        await FarmApi.ExpectCreatedAsync(() => client.CreateFilamentAsync("f", 1_000_000m), "create the spool");
        var baseline = await WriteBurstAsync(client, "quiet", 1500);

        // Each stalled reader asks for everything held (since 0): megabytes its socket cannot take, so it falls
        // behind at once, and the writes that follow overflow its buffer.
        var stalled = new List<TcpClient>();
        foreach (var node in cluster.Nodes)
        {
            for (var i = 0; i < (node.Id == leader ? 20 : 15); i++)
            {
                stalled.Add(await OpenWithoutReadingAsync(node));
            }
        }

        await Eventually.HoldsAsync(
            async () => await cluster.MetricAsync(leader, "raft3d_event_streams") >= 20,
            Patience,
            "the leader to count its 20 stalled streams");
        var loaded = await WriteBurstAsync(client, "watched", 1500);
        var dropped = 0.0;
        foreach (var node in cluster.Nodes)
        {
            dropped += await cluster.MetricAsync(node.Id, "raft3d_event_streams_dropped_total");
        }

        TestContext.Progress.WriteLine($"job creates/s with no stream: {baseline:F0}; with 50 stalled streams: {loaded:F0} ({loaded / baseline:P0}); streams dropped: {dropped}");
        stalled.ForEach(c => c.Dispose());
        Assert.That(dropped, Is.GreaterThan(0), "a stream whose client never reads is dropped once it is a buffer behind");
    }

    private static async Task WriteUntilAcknowledgedAsync(HttpClient client, string id)
    {
        // Right after a failover a write may meet 503 (no leader yet); the create is idempotent, so retrying is safe.
        await Eventually.HoldsAsync(
            async () =>
            {
                using var response = await client.CreatePrinterAsync(id);
                return response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK;
            },
            Patience,
            $"create {id} to be acknowledged");
    }

    private static string Describe(ServerSentEvent e)
        => $"{e.Type} {(e.Type == "ledger" ? e.Json.GetProperty("filament_id") : e.Json.GetProperty("id")).GetString()}";

    /// <summary>
    /// Creates <paramref name="count"/> jobs with the longest file path allowed (each makes three events, ~2 KB)
    /// from 16 concurrent clients; returns creates per second.
    /// </summary>
    private static async Task<double> WriteBurstAsync(HttpClient client, string prefix, int count)
    {
        var path = "/" + new string('g', 1000);
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var i && i < count)
            {
                // A loaded 2-core machine may hold an election mid-burst; a create with an id is safe to resend.
                await Eventually.HoldsAsync(
                    async () =>
                    {
                        using var response = await client.PostAsJsonAsync("/api/v1/print_jobs", new { id = $"{prefix}-{i}", printer_id = "p", filament_id = "f", filepath = path, print_weight_in_grams = 1 });
                        if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable))
                        {
                            await response.ExpectAsync(HttpStatusCode.Created, $"create {prefix}-{i}");
                        }

                        return response.StatusCode != HttpStatusCode.ServiceUnavailable;
                    },
                    Patience,
                    $"create {prefix}-{i} to be acknowledged");
            }
        }));
        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Asks for the stream and then never reads a byte of it.</summary>
    private static async Task<TcpClient> OpenWithoutReadingAsync(TestNode node)
    {
        var tcp = new TcpClient { ReceiveBufferSize = 4096 };
        await tcp.ConnectAsync(node.Host, node.ApiPort);
        var request = Encoding.ASCII.GetBytes($"GET /api/v1/events?since=0 HTTP/1.1\r\nHost: {node.Host}:{node.ApiPort}\r\n\r\n");
        await tcp.GetStream().WriteAsync(request);
        return tcp;
    }
}
