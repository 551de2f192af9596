using System.Net;
using System.Net.Http.Json;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Cluster;

/// <summary>
/// Idempotency-Key through the API of a real cluster: a write retried with one key through every node changes
/// the farm once and is answered as the first time, with Idempotent-Replayed; a key names one request.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class IdempotencyKeyTests : FarmOperationsFixture
{
    [Test]
    public async Task A_keyed_create_without_an_id_sent_through_every_node_creates_one_spool()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { type = "PLA", color = "Idem-red", total_weight_in_grams = 800m };
        var (first, replays) = await SendThroughEveryNodeAsync(() => new HttpRequestMessage(HttpMethod.Post, "/api/v1/filaments") { Content = JsonContent.Create(body) }, key, HttpStatusCode.Created, "create a spool");
        var id = Text(first, "id")!;
        Assert.That(replays.Select(r => r.Location), Has.All.EqualTo($"/api/v1/filaments/{id}"), "a replayed create names the same spool");

        await WaitForAllNodesToApplyAsync();
        foreach (var (node, list) in await ListOnEveryNodeAsync("/api/v1/filaments"))
        {
            var ledger = await Client(node).LedgerAsync(id);
            Assert.Multiple(() =>
            {
                Assert.That(list.EnumerateArray().Count(f => Text(f, "color") == "Idem-red"), Is.EqualTo(1), $"{node}: one spool, not one per node");
                Assert.That(ledger.GetArrayLength(), Is.EqualTo(1), $"{node}: one initial entry");
                Assert.That(Text(ledger[0], "idempotency_key"), Is.EqualTo(key), $"{node}: the entry names the key");
            });
        }
    }

    [Test]
    public async Task A_keyed_adjustment_sent_through_every_node_takes_its_grams_once()
    {
        await GivenAsync(() => Client(Leader).CreateFilamentAsync("ik-a", 1000m), "spool ik-a");
        var key = Guid.NewGuid().ToString();
        var (first, _) = await SendThroughEveryNodeAsync(() => new HttpRequestMessage(HttpMethod.Post, "/api/v1/filaments/ik-a/adjustments") { Content = JsonContent.Create(new { grams = -25m, reason = "spilled" }) }, key, HttpStatusCode.OK, "adjust");
        Assert.That(first.GetProperty("remaining_weight_in_grams").GetDecimal(), Is.EqualTo(975m));

        foreach (var (node, view) in await OnEveryNodeAsync("/api/v1/filaments/ik-a", VersionOf(first)))
        {
            var adjustments = (await Client(node).LedgerAsync("ik-a")).EnumerateArray().Where(e => Text(e, "kind") == "adjust").ToList();
            Assert.Multiple(() =>
            {
                Assert.That(view.GetProperty("remaining_weight_in_grams").GetDecimal(), Is.EqualTo(975m), $"{node}: taken once");
                Assert.That(VersionOf(view), Is.EqualTo(VersionOf(first)), $"{node}: the replays changed nothing");
                Assert.That(adjustments, Has.Count.EqualTo(1), $"{node}: one adjust entry");
                Assert.That(Text(adjustments[0], "idempotency_key"), Is.EqualTo(key), $"{node}: the entry names the key");
            });
        }
    }

    [Test]
    public async Task A_keyed_Done_sent_through_every_node_consumes_once()
    {
        await GivenAsync(() => Client(Leader).CreatePrinterAsync("ik-p"), "printer ik-p");
        await GivenAsync(() => Client(Leader).CreateFilamentAsync("ik-f", 1000m), "spool ik-f");
        await GivenAsync(() => Client(Leader).CreateJobAsync("ik-j", "ik-p", "ik-f", 100m), "job ik-j");
        using var running = await Client(Leader).SetStatusAsync("ik-j", "Running");
        await running.ExpectAsync(HttpStatusCode.OK, "Running");

        var key = Guid.NewGuid().ToString();
        var (first, _) = await SendThroughEveryNodeAsync(() => new HttpRequestMessage(HttpMethod.Post, "/api/v1/print_jobs/ik-j/status") { Content = JsonContent.Create(new { status = "Done", actual_weight_in_grams = 90m }) }, key, HttpStatusCode.OK, "Done");
        Assert.That(first.GetProperty("actual_weight_in_grams").GetDecimal(), Is.EqualTo(90m));

        await WaitForAllNodesToApplyAsync();
        foreach (var node in NodeIds)
        {
            var spool = await Client(node).GetJsonAsync(FarmApi.Local("/api/v1/filaments/ik-f"));
            var ledger = (await Client(node).LedgerAsync("ik-f")).EnumerateArray().ToList();
            Assert.Multiple(() =>
            {
                Assert.That(spool.GetProperty("remaining_weight_in_grams").GetDecimal(), Is.EqualTo(910m), $"{node}: consumed once");
                Assert.That(ledger.Select(e => Text(e, "kind")), Is.EqualTo(new[] { "consume", "initial" }), $"{node}: one consume entry");
                Assert.That(Text(ledger[0], "idempotency_key"), Is.EqualTo(key), $"{node}: the entry names the key");
            });
        }
    }

    [Test]
    public async Task A_key_names_one_request_and_a_refusal_is_kept_with_it_too()
    {
        await GivenAsync(() => Client(Leader).CreateFilamentAsync("ik-r", 1000m), "spool ik-r");
        var key = Guid.NewGuid().ToString();
        using var first = await Client(Follower1).AdjustAsync("ik-r", -5m, key: key);
        var afterFirst = await ExpectEntityAsync(first, HttpStatusCode.OK, "the first request with the key");
        using var other = await Client(Follower2).AdjustAsync("ik-r", -6m, key: key);
        await ExpectProblemAsync(other, HttpStatusCode.UnprocessableEntity, "idempotency_key_reused", "the same key with another body");
        using var conditional = await Client(Leader).AdjustAsync("ik-r", -5m, ifMatch: first.ETagOf(), key: key);
        await ExpectProblemAsync(conditional, HttpStatusCode.UnprocessableEntity, "idempotency_key_reused", "the same key and body with an If-Match the first request had not");

        // Refused in apply, and kept: a retry of a refused request is refused again, as a replay, even once it would pass.
        var refusedKey = Guid.NewGuid().ToString();
        using var refused = await Client(Follower1).AdjustAsync("ik-r", 10m, key: refusedKey);
        await ExpectProblemAsync(refused, HttpStatusCode.Conflict, "weight_out_of_range", "adjusting above total");
        Assert.That(refused.IsReplay(), Is.False, "the first refusal is no replay");
        using var room = await Client(Leader).AdjustAsync("ik-r", -20m);
        await room.ExpectAsync(HttpStatusCode.OK, "making room for +10 g");
        using var retried = await Client(Follower2).AdjustAsync("ik-r", 10m, key: refusedKey);
        await ExpectProblemAsync(retried, HttpStatusCode.Conflict, "weight_out_of_range", "the refused request retried with its key");
        Assert.That(retried.IsReplay(), Is.True, "the kept refusal, replayed");

        foreach (var malformed in new[] { string.Empty, new string('k', 129) })
        {
            using var bad = await Client(Follower1).AdjustAsync("ik-r", -1m, key: malformed);
            await ExpectProblemAsync(bad, HttpStatusCode.BadRequest, "validation_failed", $"an Idempotency-Key of {malformed.Length} characters");
        }

        using var longest = await Client(Follower1).AdjustAsync("ik-r", -1m, key: new string('k', 128));
        await longest.ExpectAsync(HttpStatusCode.OK, "an Idempotency-Key of 128 characters");
        using var keyedRead = new HttpRequestMessage(HttpMethod.Get, "/api/v1/filaments/ik-r");
        keyedRead.Headers.TryAddWithoutValidation(LedgerApi.KeyHeader, string.Empty);
        using var read = await Client(Follower2).SendAsync(keyedRead);
        var final = await ExpectEntityAsync(read, HttpStatusCode.OK, "a GET ignores Idempotency-Key");
        Assert.Multiple(() =>
        {
            Assert.That(final.GetProperty("remaining_weight_in_grams").GetDecimal(), Is.EqualTo(974m), "1000 - 5 - 20 - 1: the refused and malformed requests took nothing");
            Assert.That(VersionOf(afterFirst), Is.LessThan(VersionOf(final)));
        });
    }

    [Test]
    public async Task A_follower_refuses_a_key_the_leader_would_refuse_and_a_retry_may_write_its_weight_otherwise()
    {
        await GivenAsync(() => Client(Leader).CreateFilamentAsync("ik-f2", 1000m), "spool ik-f2");

        // Forwarded, these would reach the leader changed (two headers joined into one) or not at all (non-ASCII).
        foreach (var (what, values) in new[] { ("two key headers", new[] { "k-a", "k-b" }), ("a non-ASCII key", new[] { "clé-1" }) })
        {
            foreach (var node in new[] { Leader, Follower1 })
            {
                var status = await RawHttp.PostJsonAsync(Client(node).BaseAddress!, "/api/v1/filaments/ik-f2/adjustments", values.Select(v => (LedgerApi.KeyHeader, v)), """{"grams":-1}""");
                Assert.That(status, Is.EqualTo(400), $"{what} through {node}");
            }
        }

        // 12.5 and 12.50 are one amount: the retry is the same request.
        var key = Guid.NewGuid().ToString();
        using var first = await Client(Follower1).AdjustAsync("ik-f2", -12.5m, key: key);
        await first.ExpectAsync(HttpStatusCode.OK, "the first adjustment");
        using var retry = await Client(Follower2).SendAsync(KeyedJson(HttpMethod.Post, "/api/v1/filaments/ik-f2/adjustments", """{"grams":-12.50}""", key));
        await retry.ExpectAsync(HttpStatusCode.OK, "the retry written as -12.50");
        Assert.That(retry.IsReplay(), Is.True, "the same request");

        // The cluster endpoints take no key: a valid one or a malformed one is ignored, not refused.
        using var snapshot = await Client(Leader).SendAsync(KeyedJson(HttpMethod.Post, "/cluster/snapshot", json: null, key: string.Empty));
        await snapshot.ExpectAsync(HttpStatusCode.OK, "a snapshot with an empty Idempotency-Key");

        var spool = await Client(Leader).GetJsonAsync("/api/v1/filaments/ik-f2");
        Assert.That(spool.GetProperty("remaining_weight_in_grams").GetDecimal(), Is.EqualTo(987.5m), "only the first adjustment took grams");
    }

    [Test]
    public async Task Done_takes_the_actual_weight_from_the_query_too_and_refuses_another_one_later()
    {
        await GivenAsync(() => Client(Leader).CreatePrinterAsync("ik-qp"), "printer ik-qp");
        await GivenAsync(() => Client(Leader).CreateFilamentAsync("ik-qf", 1000m), "spool ik-qf");
        await GivenAsync(() => Client(Leader).CreateJobAsync("ik-qj", "ik-qp", "ik-qf", 100m), "job ik-qj");
        using (var running = await Client(Leader).SetStatusAsync("ik-qj", "Running"))
        {
            await running.ExpectAsync(HttpStatusCode.OK, "Running");
        }

        using var done = await Client(Follower1).PostAsync("/api/v1/print_jobs/ik-qj/status?status=Done&actual_weight_in_grams=120", content: null);
        var job = await ExpectEntityAsync(done, HttpStatusCode.OK, "Done with the actual weight in the query");
        Assert.That(job.GetProperty("actual_weight_in_grams").GetDecimal(), Is.EqualTo(120m));
        using var disagree = await Client(Leader).SendAsync(KeyedJson(HttpMethod.Post, "/api/v1/print_jobs/ik-qj/status?actual_weight_in_grams=100", """{"status":"Done","actual_weight_in_grams":110}""", key: null));
        await ExpectProblemAsync(disagree, HttpStatusCode.BadRequest, "validation_failed", "query and body name different weights");
        using var again = await Client(Follower2).PostAsync("/api/v1/print_jobs/ik-qj/status?status=Done&actual_weight_in_grams=100", content: null);
        await ExpectProblemAsync(again, HttpStatusCode.Conflict, "invalid_transition", "Done again with another weight");
        var spool = await Client(Leader).GetJsonAsync("/api/v1/filaments/ik-qf");
        Assert.That(spool.GetProperty("remaining_weight_in_grams").GetDecimal(), Is.EqualTo(880m));
    }

    private static HttpRequestMessage KeyedJson(HttpMethod method, string path, string? json, string? key)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(LedgerApi.KeyHeader, key);
        }

        return request;
    }

    /// <summary>
    /// Sends one request with one key through the leader, then each follower, then the leader again: the first
    /// answer is the real one, every later one the same status and body, marked Idempotent-Replayed.
    /// </summary>
    private async Task<(System.Text.Json.JsonElement First, IReadOnlyList<(string Body, string? Location)> Replays)> SendThroughEveryNodeAsync(
        Func<HttpRequestMessage> build, string key, HttpStatusCode status, string what)
    {
        string? firstBody = null;
        var replays = new List<(string Body, string? Location)>();
        foreach (var node in new[] { Leader, Follower1, Follower2, Leader })
        {
            using var request = build();
            request.Headers.TryAddWithoutValidation(LedgerApi.KeyHeader, key);
            using var response = await Client(node).SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(status), $"{what} through {node}: {body}");
            if (firstBody is null)
            {
                Assert.That(response.IsReplay(), Is.False, $"{what}: the first answer is no replay");
                firstBody = body;
                continue;
            }

            Assert.Multiple(() =>
            {
                Assert.That(response.IsReplay(), Is.True, $"{what} through {node}: Idempotent-Replayed");
                Assert.That(body, Is.EqualTo(firstBody), $"{what} through {node}: the first answer, as it was");
            });
            replays.Add((body, response.Headers.Location?.OriginalString));
        }

        return (System.Text.Json.JsonDocument.Parse(firstBody!).RootElement.Clone(), replays);
    }
}
