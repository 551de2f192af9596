using System.Net;
using System.Text;
using Raft3D.Cli;
using Raft3D.Cli.Output;

namespace Raft3D.Tests.Cli;

/// <summary>
/// raft3d against a fake transport, for what a healthy cluster does not answer on demand: a spool whose numbers
/// disagree, an export that breaks in the middle, a write no node can answer.
/// </summary>
[TestFixture]
public sealed class CliFakeTransportTests
{
    private const string Node = "http://node.invalid:8080";
    private const string TwoNodes = "http://first.invalid:8080,http://second.invalid:8081";

    [Test]
    public async Task Verify_that_finds_a_disagreement_exits_6_with_one_line_per_problem_on_stderr()
    {
        var transport = new FakeTransport(_ => FakeTransport.Answer(HttpStatusCode.OK, """
            {"ok":false,"filament_id":"f1","log_index":42,"remaining_weight_in_grams":800,"ledger_remaining_weight_in_grams":812.5,
             "reserved_weight_in_grams":0,"jobs_reserved_weight_in_grams":0,"entries":3,
             "problems":["remaining 800 is not the ledger's 812.5","entry 2 says 812.5 remained, the sum to it is 800"]}
            """));

        var result = await RunAsync(transport, "filaments", "verify", "f1");

        Assert.Multiple(() =>
        {
            Assert.That(result.Exit, Is.EqualTo(ExitCodes.VerificationFailed), result.ToString());
            Assert.That(result.Row("f1"), Does.Match(@"^f1 +no +42 +800 +812\.5 +0 +0 +3$"));
            Assert.That(ErrorLines(result), Is.EqualTo(new[]
            {
                "verification_failed: remaining 800 is not the ledger's 812.5",
                "verification_failed: entry 2 says 812.5 remained, the sum to it is 800",
            }));
            Assert.That(transport.Requests.Single().Path, Is.EqualTo("/api/v1/filaments/f1/verify"));
        });
    }

    [Test]
    public async Task An_export_that_breaks_exits_3_and_leaves_the_earlier_file_as_it_was()
    {
        var target = Path.Combine(Path.GetTempPath(), $"raft3d-export-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(target, "[\"yesterday's good export\"]");
        var transport = new FakeTransport(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new DroppedConnectionBody(Encoding.UTF8.GetBytes("[{\"id\":\"f1\"},"))),
        });

        try
        {
            var result = await RunAsync(transport, "export", "--file", target);

            Assert.Multiple(() =>
            {
                Assert.That(result.Exit, Is.EqualTo(ExitCodes.Unavailable), result.ToString());
                Assert.That(result.Error, Does.StartWith("export_interrupted: ").And.Contain("after 13 bytes"));
                Assert.That(File.ReadAllText(target), Is.EqualTo("[\"yesterday's good export\"]"));
                Assert.That(File.Exists(target + ".partial"), Is.False);
            });
        }
        finally
        {
            File.Delete(target);
        }
    }

    [Test]
    public async Task An_export_to_stdout_is_the_nodes_text_even_when_a_character_is_split_between_chunks()
    {
        const string text = "id,color\r\nf1,Grün\r\nf2,€uro\r\n";
        var writer = new StringWriter();
        await using (var stdout = new TextWriterStream(writer))
        {
            foreach (var b in Encoding.UTF8.GetBytes(text))
            {
                await stdout.WriteAsync(new[] { b });
            }
        }

        Assert.That(writer.ToString(), Is.EqualTo(text));
    }

    [Test]
    public async Task A_write_that_every_node_answers_503_prints_the_key_to_retry_with_after_the_error()
    {
        var transport = new FakeTransport(_ => FakeTransport.Answer(HttpStatusCode.ServiceUnavailable, """{"code":"no_leader","status":503,"detail":"No leader; retry with the same Idempotency-Key."}"""));

        var result = await CliResult.RunAsync(transport, TwoNodes, "filaments", "adjust", "f1", "--grams=-12.5");

        var key = transport.Requests[0].IdempotencyKey;
        Assert.Multiple(() =>
        {
            Assert.That(result.Exit, Is.EqualTo(ExitCodes.Unavailable), result.ToString());
            Assert.That(transport.Requests.Select(r => r.IdempotencyKey), Is.EqualTo(new[] { key, key }), "both nodes were tried with one key");
            Assert.That(ErrorLines(result), Is.EqualTo(new[]
            {
                "no_leader: No leader; retry with the same Idempotency-Key.",
                $"retry safely with --idempotency-key {key}",
            }));
        });
    }

    [Test]
    public async Task A_write_no_node_answers_prints_the_key_to_retry_with_and_a_given_key_is_that_one()
    {
        var transport = new FakeTransport(_ => throw new HttpRequestException("Connection refused"));

        var made = await CliResult.RunAsync(transport, TwoNodes, "printers", "add", "--company", "Prusa", "--model", "MK4");
        var given = await CliResult.RunAsync(transport, TwoNodes, "jobs", "cancel", "j1", "--idempotency-key", "cancel-j1");

        Assert.Multiple(() =>
        {
            Assert.That(made.Exit, Is.EqualTo(ExitCodes.Unavailable), made.ToString());
            Assert.That(ErrorLines(made)[0], Does.StartWith("unreachable: No node answered: "));
            Assert.That(ErrorLines(made)[1..], Is.EqualTo(new[] { $"retry safely with --idempotency-key {transport.Requests[0].IdempotencyKey}" }));
            Assert.That(given.Exit, Is.EqualTo(ExitCodes.Unavailable), given.ToString());
            Assert.That(ErrorLines(given)[^1], Is.EqualTo("retry safely with --idempotency-key cancel-j1"));
        });
    }

    [Test]
    public async Task A_refusal_or_an_unanswered_read_prints_no_key_to_retry_with()
    {
        var transport = new FakeTransport(request => request.Method == HttpMethod.Get
            ? FakeTransport.Answer(HttpStatusCode.ServiceUnavailable, """{"code":"no_leader","status":503,"detail":"No leader."}""")
            : FakeTransport.Answer(HttpStatusCode.Conflict, """{"code":"weight_out_of_range","status":409,"detail":"Remaining would be -4000 g."}"""));

        var refused = await RunAsync(transport, "filaments", "adjust", "f1", "--grams=-5000");
        var read = await RunAsync(transport, "filaments", "get", "f1");

        Assert.Multiple(() =>
        {
            Assert.That(refused.Exit, Is.EqualTo(ExitCodes.Rejected), refused.ToString());
            Assert.That(ErrorLines(refused), Is.EqualTo(new[] { "weight_out_of_range: Remaining would be -4000 g." }), "a definite answer: nothing to retry");
            Assert.That(read.Exit, Is.EqualTo(ExitCodes.Unavailable), read.ToString());
            Assert.That(ErrorLines(read), Is.EqualTo(new[] { "no_leader: No leader." }), "a read changes nothing: any rerun is safe");
        });
    }

    [Test]
    public async Task A_replayed_answer_says_the_request_was_answered_before_whether_it_was_a_success_or_a_refusal()
    {
        var transport = new FakeTransport(request =>
        {
            var answer = request.RequestUri!.AbsolutePath.EndsWith("/measure", StringComparison.Ordinal)
                ? FakeTransport.Answer(HttpStatusCode.Conflict, """{"code":"spool_weight_unknown","status":409,"detail":"No spool weight."}""")
                : FakeTransport.Answer(HttpStatusCode.OK, """{"id":"f1","type":"PLA","color":"Red","total_weight_in_grams":1000,"remaining_weight_in_grams":1000,"version":2}""");
            answer.Headers.Add("Idempotent-Replayed", "true");
            return answer;
        });

        var success = await RunAsync(transport, "filaments", "adjust", "f1", "--grams", "5", "--idempotency-key", "k1");
        var refusal = await RunAsync(transport, "filaments", "measure", "f1", "--gross", "900", "--idempotency-key", "k2");

        const string replayed = "replayed: this Idempotency-Key was already used for this request; showing the first answer";
        Assert.Multiple(() =>
        {
            Assert.That(success.Exit, Is.EqualTo(ExitCodes.Success), success.ToString());
            Assert.That(ErrorLines(success), Is.EqualTo(new[] { replayed }));
            Assert.That(success.Row("f1"), Does.StartWith("f1 "), "stdout is the kept answer");
            Assert.That(refusal.Exit, Is.EqualTo(ExitCodes.Rejected), "the kept refusal's exit code");
            Assert.That(ErrorLines(refusal), Is.EqualTo(new[] { replayed, "spool_weight_unknown: No spool weight." }));
            Assert.That(refusal.Error, Does.Not.Contain("applied"), "a refusal applied nothing, the first time or now");
        });
    }

    [TestCase("--spool-weight")]
    [TestCase("--spool")]
    public async Task Measure_takes_the_empty_spools_weight_as_spool_weight_like_add_and_edit_and_still_as_spool(string option)
    {
        var transport = new FakeTransport(_ => FakeTransport.Answer(HttpStatusCode.OK, """{"id":"f1","type":"PLA","color":"Red","total_weight_in_grams":1000,"remaining_weight_in_grams":950,"version":3}"""));

        var result = await RunAsync(transport, "filaments", "measure", "f1", "--gross", "1200", option, "250");

        Assert.Multiple(() =>
        {
            Assert.That(result.Exit, Is.EqualTo(ExitCodes.Success), result.ToString());
            Assert.That(transport.Requests.Single().Path, Is.EqualTo("/api/v1/filaments/f1/measure"));
            Assert.That(transport.Requests.Single().Body, Is.EqualTo("""{"gross_weight_in_grams":1200,"spool_weight_in_grams":250}"""));
        });
    }

    [TestCase(" k")]
    [TestCase("k ")]
    [TestCase("two\tcolumns")]
    public async Task An_invalid_idempotency_key_is_one_clean_line_and_nothing_is_sent(string key)
    {
        var transport = new FakeTransport(_ => FakeTransport.Answer(HttpStatusCode.OK, "{}"));

        var result = await RunAsync(transport, "filaments", "adjust", "f1", "--grams", "5", "--idempotency-key", key);

        Assert.Multiple(() =>
        {
            Assert.That(result.Exit, Is.EqualTo(ExitCodes.InvalidInput), result.ToString());
            Assert.That(result.Error, Is.EqualTo("validation_failed: --idempotency-key must be 1 to 128 printable ASCII characters, without leading or trailing spaces" + Environment.NewLine));
            Assert.That(transport.Requests, Is.Empty);
        });
    }

    [TestCase(0, "watching 0 jobs; Ctrl+C to stop")]
    [TestCase(1, "watching 1 job; Ctrl+C to stop")]
    [TestCase(2, "watching 2 jobs; Ctrl+C to stop")]
    public async Task Jobs_watch_counts_the_jobs_it_watches_in_words(int jobs, string expected)
    {
        var list = "[" + string.Join(',', Enumerable.Range(1, jobs).Select(i => $$"""{"id":"j{{i}}","filament_id":"f1","filepath":"a.gcode","print_weight_in_grams":5,"status":"Queued","version":1}""")) + "]";
        using var stop = new CancellationTokenSource();
        var polls = 0;
        var transport = new FakeTransport(_ =>
        {
            if (++polls == 1)
            {
                return FakeTransport.Answer(HttpStatusCode.OK, list);
            }

            // The first look is all this test needs: opening the event stream stops the watch, as Ctrl+C would.
            stop.Cancel();
            throw new OperationCanceledException(stop.Token);
        });

        var result = await CliResult.RunAsync(transport, Node, stop.Token, "jobs", "watch", "--interval", "0.1");

        Assert.Multiple(() =>
        {
            Assert.That(result.Exit, Is.EqualTo(ExitCodes.Success), result.ToString());
            Assert.That(result.Lines, Is.EqualTo(new[] { expected }));
        });
    }

    private static string[] ErrorLines(CliResult result) => result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Task<CliResult> RunAsync(FakeTransport transport, params string[] args) => CliResult.RunAsync(transport, Node, args);
}
