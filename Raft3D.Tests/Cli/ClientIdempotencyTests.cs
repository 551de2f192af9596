using System.Net;
using System.Text;
using Raft3D.Client;

namespace Raft3D.Tests.Cli;

/// <summary>
/// The client's Idempotency-Key and request bodies, against a fake transport: no cluster, so the failover cases
/// (a node that answers 503, one that refuses the connection) are exact rather than provoked.
/// </summary>
[TestFixture]
public sealed class ClientIdempotencyTests
{
    private static readonly Uri First = new("http://first.invalid:8080");
    private static readonly Uri Second = new("http://second.invalid:8081");

    private const string FilamentJson = """
        {"id":"f1","type":"PLA","color":"Red","total_weight_in_grams":1000,"remaining_weight_in_grams":987.5,"archived":false,
         "archived_at":null,"created_at":"2026-11-26T01:00:00.000Z","updated_at":"2026-11-26T01:00:00.000Z","version":7,
         "reserved_weight_in_grams":200,"available_weight_in_grams":787.5,"low_stock_threshold_in_grams":100,"low_stock":false,
         "spool_weight_in_grams":250}
        """;

    [Test]
    public async Task A_resend_after_a_503_carries_the_key_the_first_try_carried()
    {
        var transport = new FakeTransport(request => request.RequestUri!.Host == First.Host
            ? FakeTransport.Answer(HttpStatusCode.ServiceUnavailable, """{"code":"no_leader","status":503,"detail":"No leader."}""")
            : FakeTransport.Answer(HttpStatusCode.Created, FilamentJson));
        using var client = new Raft3DClient([First, Second], handler: transport);

        var created = await client.CreateFilamentAsync(new NewFilament(null, "PLA", "Red", 1000, null));

        var keys = transport.Requests.Select(r => r.IdempotencyKey).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(created.IsSuccess, Is.True, created.RawJson);
            Assert.That(created.Node, Is.EqualTo(Second));
            Assert.That(transport.Requests.Select(r => r.Node), Is.EqualTo(new[] { First.Host, Second.Host }), "the first node, then the second");
            Assert.That(keys[0], Is.Not.Null.And.Not.Empty, "a key the client made, since the caller gave none");
            Assert.That(Guid.TryParse(keys[0], out _), Is.True, $"a UUID; got {keys[0]}");
            Assert.That(keys[1], Is.EqualTo(keys[0]), "the resend is the same request, so a node that applied the first answers it as a replay");
        });
    }

    [Test]
    public async Task A_resend_after_a_refused_connection_carries_the_callers_key()
    {
        var transport = new FakeTransport(request => request.RequestUri!.Host == First.Host
            ? throw new HttpRequestException("Connection refused (first.invalid:8080)")
            : FakeTransport.Answer(HttpStatusCode.OK, FilamentJson));
        using var client = new Raft3DClient([First, Second], handler: transport);

        var adjusted = await client.AdjustFilamentAsync("f1", -12.5m, "spilled", idempotencyKey: "adjust-f1-1");

        Assert.Multiple(() =>
        {
            Assert.That(adjusted.IsSuccess, Is.True, adjusted.RawJson);
            Assert.That(transport.Requests.Select(r => r.IdempotencyKey), Is.EqualTo(new[] { "adjust-f1-1", "adjust-f1-1" }));
            Assert.That(transport.Requests[1].Path, Is.EqualTo("/api/v1/filaments/f1/adjustments"));
            Assert.That(transport.Requests[1].Body, Is.EqualTo("""{"grams":-12.5,"reason":"spilled"}"""));
            Assert.That(adjusted.Value!.AvailableWeightInGrams, Is.EqualTo(787.5m));
            Assert.That(adjusted.Value.SpoolWeightInGrams, Is.EqualTo(250m));
        });
    }

    [Test]
    public async Task The_answer_names_the_key_the_write_sent_and_a_read_names_none()
    {
        var transport = new FakeTransport(request => request.RequestUri!.AbsolutePath.EndsWith("/measure", StringComparison.Ordinal)
            ? FakeTransport.Answer(HttpStatusCode.ServiceUnavailable, """{"code":"no_leader","status":503,"detail":"No leader."}""")
            : FakeTransport.Answer(HttpStatusCode.OK, FilamentJson));
        using var client = new Raft3DClient([First, Second], handler: transport);

        var made = await client.AdjustFilamentAsync("f1", 1m);
        var given = await client.AdjustFilamentAsync("f1", 1m, idempotencyKey: "adjust-f1-2");
        var unanswered = await client.MeasureFilamentAsync("f1", 900m);
        var read = await client.GetFilamentAsync("f1");

        Assert.Multiple(() =>
        {
            Assert.That(made.IdempotencyKey, Is.Not.Null.And.EqualTo(transport.Requests[0].IdempotencyKey), "the key the client made");
            Assert.That(given.IdempotencyKey, Is.EqualTo("adjust-f1-2"));
            Assert.That(unanswered.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(unanswered.IdempotencyKey, Is.Not.Null.And.EqualTo(transport.Requests[^2].IdempotencyKey), "a 503 from every node: the key to retry with");
            Assert.That(transport.Requests[^2].IdempotencyKey, Is.EqualTo(transport.Requests[^3].IdempotencyKey), "both nodes got the same key");
            Assert.That(read.IdempotencyKey, Is.Null, "a read sends no key");
        });
    }

    [Test]
    public void When_no_node_answers_the_exception_names_the_key_the_write_sent_on_every_try()
    {
        var transport = new FakeTransport(request => request.RequestUri!.Host == First.Host
            ? throw new HttpRequestException("Connection refused (first.invalid:8080)")
            : throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 15 seconds elapsing."));
        using var client = new Raft3DClient([First, Second], handler: transport);

        var made = Assert.ThrowsAsync<NoNodeReachableException>(() => client.CreatePrinterAsync(new NewPrinter(null, "Prusa", "MK4")));
        var given = Assert.ThrowsAsync<NoNodeReachableException>(() => client.ArchiveFilamentAsync("f1", ifMatch: null, idempotencyKey: "archive-f1"));
        var read = Assert.ThrowsAsync<NoNodeReachableException>(() => client.GetFilamentAsync("f1"));

        Assert.Multiple(() =>
        {
            Assert.That(made!.IdempotencyKey, Is.Not.Null.And.EqualTo(transport.Requests[0].IdempotencyKey), "the key the client made");
            Assert.That(transport.Requests[1].IdempotencyKey, Is.EqualTo(transport.Requests[0].IdempotencyKey), "the timed-out try carried it too");
            Assert.That(made.Message, Does.Contain("timed out"));
            Assert.That(given!.IdempotencyKey, Is.EqualTo("archive-f1"));
            Assert.That(read!.IdempotencyKey, Is.Null, "a read sends no key");
        });
    }

    [Test]
    public async Task Each_call_has_its_own_key_every_write_has_one_and_reads_have_none()
    {
        var transport = new FakeTransport(request => FakeTransport.Answer(
            request.Method == HttpMethod.Delete ? HttpStatusCode.NoContent : HttpStatusCode.OK,
            request.Method == HttpMethod.Delete ? string.Empty : FilamentJson));
        using var client = new Raft3DClient([First], handler: transport);

        await client.EditFilamentAsync("f1", new FilamentPatch(Color: "Blue"));
        await client.EditFilamentAsync("f1", new FilamentPatch(Color: "Green"));
        await client.ArchiveFilamentAsync("f1");
        await client.GetFilamentAsync("f1");

        var keys = transport.Requests.Select(r => r.IdempotencyKey).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(keys[0], Is.Not.Null);
            Assert.That(keys[1], Is.Not.Null.And.Not.EqualTo(keys[0]), "two calls are two requests, even with the same body");
            Assert.That(keys[2], Is.Not.Null, "a DELETE is a write too");
            Assert.That(keys[3], Is.Null, "a read needs no key");
        });
    }

    [Test]
    public async Task Replayed_comes_from_the_header_on_successes_and_on_kept_problems()
    {
        var transport = new FakeTransport(request =>
        {
            var answer = request.RequestUri!.AbsolutePath.EndsWith("/measure", StringComparison.Ordinal)
                ? FakeTransport.Answer(HttpStatusCode.Conflict, """{"code":"spool_weight_unknown","status":409,"detail":"No spool weight."}""")
                : FakeTransport.Answer(HttpStatusCode.OK, FilamentJson);
            answer.Headers.Add("Idempotent-Replayed", "true");
            return answer;
        });
        using var client = new Raft3DClient([First], handler: transport);

        var replayed = await client.AdjustFilamentAsync("f1", 5m, idempotencyKey: "k1");
        var keptProblem = await client.MeasureFilamentAsync("f1", 900m, idempotencyKey: "k2");
        var read = await client.GetFilamentAsync("f1");

        Assert.Multiple(() =>
        {
            Assert.That(replayed.Replayed, Is.True);
            Assert.That(keptProblem.Replayed, Is.True);
            Assert.That(keptProblem.Problem?.Code, Is.EqualTo("spool_weight_unknown"));
            Assert.That(transport.Requests[1].Body, Is.EqualTo("""{"gross_weight_in_grams":900}"""), "no spool weight given: the stored one");
        });
        Assert.That(read.Replayed, Is.True, "the header is reported as the node sent it");
    }

    [Test]
    public void A_malformed_key_is_refused_before_anything_is_sent()
    {
        var transport = new FakeTransport(_ => FakeTransport.Answer(HttpStatusCode.OK, FilamentJson));
        using var client = new Raft3DClient([First], handler: transport);

        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<InvalidIdempotencyKeyException>(() => client.AdjustFilamentAsync("f1", 1m, idempotencyKey: "two\nlines"));
            Assert.ThrowsAsync<InvalidIdempotencyKeyException>(() => client.AdjustFilamentAsync("f1", 1m, idempotencyKey: new string('k', 129)));
            Assert.ThrowsAsync<InvalidIdempotencyKeyException>(() => client.CreatePrinterAsync(new NewPrinter(null, "Prusa", "MK4"), idempotencyKey: string.Empty));
            Assert.That(transport.Requests, Is.Empty);
        });
    }

    [Test]
    public void A_key_with_a_leading_or_trailing_space_is_refused_since_the_node_would_see_it_trimmed()
    {
        var transport = new FakeTransport(_ => FakeTransport.Answer(HttpStatusCode.OK, FilamentJson));
        using var client = new Raft3DClient([First], handler: transport);

        Assert.Multiple(() =>
        {
            Assert.That(IdempotencyKeys.IsValid(" k"), Is.False, "HTTP trims it to \"k\": another key's request");
            Assert.That(IdempotencyKeys.IsValid("k "), Is.False);
            Assert.That(IdempotencyKeys.IsValid(" "), Is.False);
            Assert.That(IdempotencyKeys.IsValid("nightly run 7"), Is.True, "spaces inside a key are kept by HTTP");
            var refused = Assert.ThrowsAsync<InvalidIdempotencyKeyException>(() => client.AdjustFilamentAsync("f1", 1m, idempotencyKey: " k"));
            Assert.That(refused!.Key, Is.EqualTo(" k"));
            Assert.That(refused.ParamName, Is.EqualTo("idempotencyKey"), "still an ArgumentException about the parameter, for callers that catch that");
            Assert.That(transport.Requests, Is.Empty);
        });
    }

    [Test]
    public async Task A_filament_patch_sends_null_to_clear_a_weight_and_leaves_out_what_it_keeps()
    {
        var transport = new FakeTransport(_ => FakeTransport.Answer(HttpStatusCode.OK, FilamentJson));
        using var client = new Raft3DClient([First], handler: transport);

        await client.EditFilamentAsync("f1", new FilamentPatch(Color: "Red") { SpoolWeightInGrams = WeightChange.To(250), LowStockThresholdInGrams = WeightChange.Clear });
        await client.EditFilamentAsync("f1", new FilamentPatch(Type: "PETG"));
        await client.CreateFilamentAsync(new NewFilament("f2", "PLA", "Red", 1000, null) { SpoolWeightInGrams = 230, LowStockThresholdInGrams = 150 });

        Assert.Multiple(() =>
        {
            Assert.That(transport.Requests[0].Body, Is.EqualTo("""{"color":"Red","spool_weight_in_grams":250,"low_stock_threshold_in_grams":null}"""));
            Assert.That(transport.Requests[1].Body, Is.EqualTo("""{"type":"PETG"}"""));
            Assert.That(transport.Requests[2].Body, Is.EqualTo("""{"id":"f2","type":"PLA","color":"Red","total_weight_in_grams":1000,"spool_weight_in_grams":230,"low_stock_threshold_in_grams":150}"""));
        });
    }

    [Test]
    public async Task A_done_may_carry_the_actual_weight_and_the_low_stock_filter_is_a_query()
    {
        var transport = new FakeTransport(request => FakeTransport.Answer(HttpStatusCode.OK, request.Method == HttpMethod.Get ? "[]" : """
            {"id":"j1","printer_id":"p1","filament_id":"f1","filepath":"a.gcode","print_weight_in_grams":200,"status":"Done",
             "queue_position":null,"progress_percent":100,"created_at":null,"started_at":null,"finished_at":null,"version":9,
             "actual_weight_in_grams":187.2}
            """));
        using var client = new Raft3DClient([First], handler: transport);

        var done = await client.ChangePrintJobStatusAsync("j1", new PrintJobStatusChange("Done", 187.2m));
        await client.ListFilamentsAsync(new FilamentQuery(LowStock: true), limit: 10);

        Assert.Multiple(() =>
        {
            Assert.That(transport.Requests[0].Body, Is.EqualTo("""{"status":"Done","actual_weight_in_grams":187.2}"""));
            Assert.That(done.Value!.ActualWeightInGrams, Is.EqualTo(187.2m));
            Assert.That(transport.Requests[1].PathAndQuery, Is.EqualTo("/api/v1/filaments?low_stock=true&limit=10"));
        });
    }

    [Test]
    public async Task An_export_fails_over_before_its_first_byte_and_streams_the_answer_into_the_destination()
    {
        var transport = new FakeTransport(request =>
        {
            if (request.RequestUri!.Host == First.Host)
            {
                return FakeTransport.Answer(HttpStatusCode.ServiceUnavailable, """{"code":"no_leader","status":503}""");
            }

            var answer = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("id,type\r\nf1,PLA\r\n", Encoding.UTF8, "text/csv") };
            answer.Headers.Add("X-Raft3D-Export-Index", "42");
            answer.Content.Headers.Add("Content-Disposition", "attachment; filename=\"raft3d-filaments-42.csv\"");
            return answer;
        });
        using var client = new Raft3DClient([First, Second], handler: transport);
        using var destination = new MemoryStream();

        var export = await client.ExportAsync("filaments", "csv", destination);

        Assert.Multiple(() =>
        {
            Assert.That(export.IsSuccess, Is.True, export.RawJson);
            Assert.That(Encoding.UTF8.GetString(destination.ToArray()), Is.EqualTo("id,type\r\nf1,PLA\r\n"), "only the answering node's bytes");
            Assert.That(export.Value, Is.EqualTo(new ExportResult(42, "text/csv", "raft3d-filaments-42.csv", 17)));
            Assert.That(transport.Requests[1].PathAndQuery, Is.EqualTo("/api/v1/export?kind=filaments&format=csv"));
        });
    }

    [Test]
    public void An_export_that_breaks_after_its_first_bytes_is_not_sent_again()
    {
        var transport = new FakeTransport(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new DroppedConnectionBody(Encoding.UTF8.GetBytes("[{\"id\":\"f1\"}"))),
        });
        using var client = new Raft3DClient([First, Second], handler: transport);
        using var destination = new MemoryStream();

        var broken = Assert.ThrowsAsync<ExportInterruptedException>(() => client.ExportAsync("filaments", "json", destination));

        Assert.Multiple(() =>
        {
            Assert.That(broken!.BytesWritten, Is.EqualTo(12));
            Assert.That(transport.Requests, Has.Count.EqualTo(1), "a second node's export would follow the first's partial bytes");
        });
    }
}
