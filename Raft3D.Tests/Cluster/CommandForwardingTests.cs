using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Raft3D.Node.Peers;
using Raft3D.Node.Security;
using Raft3D.StateMachine.Codec;
using Raft3D.StateMachine.Commands;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Cluster;

/// <summary>
/// Farm writes through a follower travel to the leader as binary commands, batched: whatever the path, a client
/// gets the answer the leader would have given it (status, body, ETag, Location, Idempotent-Replayed, problem), each
/// write lands once, and the leader's own endpoint for them is for members only.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class CommandForwardingTests
{
    private InProcessCluster cluster = null!;

    [OneTimeSetUp]
    public async Task StartCluster()
    {
        cluster = await InProcessCluster.StartAsync();

        // A new leader takes writes once its term's first entry commits: until then it answers 503, as it should.
        var leader = await cluster.WaitForLeaderAsync();
        await FarmApi.ExpectCreatedAsync(() => cluster.Client(leader).CreatePrinterAsync("fwd-first"), "the first write");
    }

    [OneTimeTearDown]
    public async Task StopCluster() => await cluster.DisposeAsync();

    [Test]
    public async Task Many_concurrent_creates_through_a_follower_land_once_each_with_the_leaders_answer()
    {
        var (_, follower) = await RolesAsync();
        var ids = Enumerable.Range(0, 64 * 3).Select(i => $"fwd-many-{i}").ToList();

        // 64 at a time, as the benchmark's clients. A 503 (an election: this machine is shared and slow) is retried
        // as a client would; the create's id makes that safe, and a retry of one that committed is a 200 replay.
        var answers = new List<(string Id, HttpResponseMessage Answer, bool Retried, string Body)>();
        foreach (var chunk in ids.Chunk(64))
        {
            answers.AddRange(await Task.WhenAll(chunk.Select(async id =>
            {
                var retried = false;
                var answer = await FarmApi.UntilAnsweredAsync(async () =>
                {
                    var response = await cluster.Client(follower).CreatePrinterAsync(id, "Prusa", "MK4S");
                    retried |= response.StatusCode == HttpStatusCode.ServiceUnavailable;
                    return response;
                });
                return (id, answer, retried, await answer.Content.ReadAsStringAsync());
            })));
        }

        Assert.Multiple(() =>
        {
            foreach (var (id, answer, retried, body) in answers)
            {
                Assert.That(answer.StatusCode, retried ? Is.EqualTo(HttpStatusCode.Created).Or.EqualTo(HttpStatusCode.OK) : Is.EqualTo(HttpStatusCode.Created), $"{id}: {body}");
                if (answer.StatusCode == HttpStatusCode.Created)
                {
                    Assert.That(answer.Headers.Location?.OriginalString, Is.EqualTo($"/api/v1/printers/{id}"), id);
                }

                // Unless the follower itself won an election meanwhile, the leader served it, through the follower.
                var servedBy = answer.Headers.GetValues("X-Raft3D-Node").Single();
                if (servedBy != follower)
                {
                    Assert.That(answer.Headers.GetValues("X-Raft3D-Forwarded-By"), Is.EqualTo(new[] { follower }), id);
                    Assert.That(answer.Headers.GetValues("X-Raft3D-Leader"), Is.EqualTo(new[] { servedBy }), $"{id}: the leader served it");
                }

                Assert.That(answer.ETagOf(), Is.EqualTo($"\"{JsonDocument.Parse(body).RootElement.GetProperty("version").GetInt64()}\""), $"{id}: ETag is the version");
            }
        });

        // One log entry per create, and the ETag each answer gave is the one the leader shows.
        var leader = await cluster.WaitForLeaderAsync();
        Assert.That(answers.Select(a => a.Answer.ETagOf()).Distinct().Count(), Is.EqualTo(ids.Count), "one log entry per create");
        foreach (var (id, answer, _, _) in answers.Where((_, i) => i % 37 == 0))
        {
            Assert.That((await cluster.Client(leader).GetAsync($"/api/v1/printers/{id}")).ETagOf(), Is.EqualTo(answer.ETagOf()), id);
        }

        var listed = await cluster.Client(leader).GetJsonAsync("/api/v1/printers");
        Assert.That(listed.EnumerateArray().Count(p => p.GetProperty("id").GetString()!.StartsWith("fwd-many-", StringComparison.Ordinal)), Is.EqualTo(ids.Count), "each create landed once");
    }

    [Test]
    public async Task A_follower_answers_replays_refusals_and_version_checks_exactly_as_the_leader()
    {
        var (leader, follower) = await RolesAsync();
        var viaLeader = cluster.Client(leader);
        var viaFollower = cluster.Client(follower);
        await FarmApi.ExpectCreatedAsync(() => viaLeader.CreatePrinterAsync("fwd-same", "Creality", "K1"), "the printer both paths talk about");

        // A create replayed by id: 200 with the same printer, its version the first create's.
        await SameAnswerAsync(() => viaLeader.CreatePrinterAsync("fwd-same", "Creality", "K1"), () => viaFollower.CreatePrinterAsync("fwd-same", "Creality", "K1"), HttpStatusCode.OK);

        // The same id with other details: 409 duplicate_id, the leader's detail.
        await SameAnswerAsync(() => viaLeader.CreatePrinterAsync("fwd-same", "Creality", "Other"), () => viaFollower.CreatePrinterAsync("fwd-same", "Creality", "Other"), HttpStatusCode.Conflict);

        // If-Match naming an old version: 412, nothing written.
        await SameAnswerAsync(
            () => viaLeader.MergePatchAsync("/api/v1/printers/fwd-same", new { model = "K2" }, ifMatch: "\"1\""),
            () => viaFollower.MergePatchAsync("/api/v1/printers/fwd-same", new { model = "K2" }, ifMatch: "\"1\""),
            HttpStatusCode.PreconditionFailed);

        // Refused by the state machine's rules: a job for a printer that does not exist.
        await SameAnswerAsync(
            () => viaLeader.CreateJobAsync("fwd-job", "no-such-printer", "no-such-spool", 10),
            () => viaFollower.CreateJobAsync("fwd-job", "no-such-printer", "no-such-spool", 10),
            HttpStatusCode.Conflict);

        // Refused by shape: the follower's own controller answers the 400 the leader's would.
        await SameAnswerAsync(() => viaLeader.CreatePrinterAsync("fwd-bad", " ", "K1"), () => viaFollower.CreatePrinterAsync("fwd-bad", " ", "K1"), HttpStatusCode.BadRequest);

        // Refused by the state machine's validator: a negative weight on a spool.
        await SameAnswerAsync(() => viaLeader.CreateFilamentAsync("fwd-neg", -5m), () => viaFollower.CreateFilamentAsync("fwd-neg", -5m), HttpStatusCode.BadRequest);

        // A keyed create: 201 the first time through the follower, then the same 201 marked as a replay on both paths.
        var key = Guid.NewGuid().ToString();
        var first = await viaFollower.SendAsync(Keyed(key, "Bambu", "X1C"));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), await first.Content.ReadAsStringAsync());
        Assert.That(first.Headers.Contains("Idempotent-Replayed"), Is.False);
        var leaderReplay = await viaLeader.SendAsync(Keyed(key, "Bambu", "X1C"));
        var followerReplay = await viaFollower.SendAsync(Keyed(key, "Bambu", "X1C"));
        foreach (var replay in new[] { leaderReplay, followerReplay })
        {
            Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(replay.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
            Assert.That(replay.Headers.Location, Is.EqualTo(first.Headers.Location));
            Assert.That(replay.ETagOf(), Is.EqualTo(first.ETagOf()));
            Assert.That(await replay.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()), "the first answer, entity and all");
        }

        // The same key for another request: 422 on both paths.
        await SameAnswerAsync(() => viaLeader.SendAsync(Keyed(key, "Bambu", "P1S")), () => viaFollower.SendAsync(Keyed(key, "Bambu", "P1S")), HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task Writes_in_flight_when_the_leader_steps_down_answer_503_with_a_code_and_a_keyed_retry_applies_each_once()
    {
        var (leader, follower) = await RolesAsync();
        var keys = Enumerable.Range(0, 60).Select(i => $"fwd-resign-{i}-{Guid.NewGuid():N}").ToList();

        var writes = keys.Select(key => cluster.Client(follower).SendAsync(Keyed(key, "Voron", "2.4"))).ToList();
        var resign = cluster.Client(leader).PostAsync("/cluster/leader/resign", content: null);
        var answers = await Task.WhenAll(writes);
        await resign;

        foreach (var answer in answers)
        {
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Created).Or.EqualTo(HttpStatusCode.ServiceUnavailable));
            if (answer.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.That(
                    (await answer.JsonAsync()).GetProperty("code").GetString(),
                    Is.AnyOf("no_leader", "leader_unreachable", "commit_timeout"),
                    "a 503 names why");
            }
        }

        // Retried with the same keys, through the same follower, whoever leads now: each write is there once.
        await cluster.WaitForLeaderAsync();
        var ids = new List<string>();
        foreach (var key in keys)
        {
            var retry = await FarmApi.UntilAnsweredAsync(() => cluster.Client(follower).SendAsync(Keyed(key, "Voron", "2.4")));
            Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created), await retry.Content.ReadAsStringAsync());
            ids.Add((await retry.JsonAsync()).GetProperty("id").GetString()!);
        }

        var newLeader = await cluster.WaitForLeaderAsync();
        var listed = await cluster.Client(newLeader).GetJsonAsync("/api/v1/printers");
        var voron = listed.EnumerateArray().Where(p => p.GetProperty("company").GetString() == "Voron").Select(p => p.GetProperty("id").GetString()!).ToList();
        Assert.That(voron, Is.EquivalentTo(ids), "one printer per key, none twice, none lost");
    }

    [Test]
    public async Task A_member_that_does_not_lead_answers_a_batch_not_leading_and_proposes_none_of_it()
    {
        var (leader, follower) = await RolesAsync();
        var batch = CommandBatchCodec.EncodeRequest(
            [new ForwardedCommand(CommandCodec.Encode(new CreatePrinter("fwd-not-leading", "Prusa", "MK4S")), "", ["operator"], "POST", "/api/v1/printers")]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/cluster/commands") { Content = new ByteArrayContent(batch) };
        request.Headers.Add("X-Raft3D-Forwarded-By", leader);

        var response = await cluster.Client(follower).SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var answer = CommandBatchCodec.DecodeAnswer(await response.Content.ReadAsByteArrayAsync());
        Assert.That((answer.Leading, answer.LeaderId, answer.Outcomes.Count), Is.EqualTo((false, follower, 0)), "never forwarded on, never proposed");
        await cluster.WaitForLeaderAsync();
        Assert.That((await cluster.Client(leader).GetAsync("/api/v1/printers/fwd-not-leading")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_plain_client_calling_the_leaders_command_endpoint_is_refused()
    {
        var leader = await cluster.WaitForLeaderAsync();
        using var body = new ByteArrayContent([1, 0]);
        var response = await cluster.Client(leader).PostAsync("/cluster/commands", body);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a request that names no member");
            Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo("unauthorized"));

            // This cluster has no tokens: telling the client to send one would send it looking for something that does not exist.
            Assert.That(problem.GetProperty("detail").GetString(), Is.EqualTo(TokenAuthenticationHandler.MembersOnlyDetail("/cluster/commands")));
        });
    }

    private async Task<(string Leader, string Follower)> RolesAsync()
    {
        var leader = await cluster.WaitForLeaderAsync();
        return (leader, cluster.AFollower(leader));
    }

    private static HttpRequestMessage Keyed(string key, string company, string model)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/printers") { Content = JsonContent.Create(new { company, model }) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    /// <summary>The same request on both paths: the same status, code, ETag, Location, replay flag and body, less the node headers.</summary>
    private static async Task SameAnswerAsync(Func<Task<HttpResponseMessage>> onLeader, Func<Task<HttpResponseMessage>> throughFollower, HttpStatusCode expected)
    {
        var direct = await onLeader();
        var forwarded = await throughFollower();
        var directBody = await direct.Content.ReadAsStringAsync();
        var forwardedBody = await forwarded.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(direct.StatusCode, Is.EqualTo(expected), directBody);
            Assert.That(forwarded.StatusCode, Is.EqualTo(expected), forwardedBody);
            Assert.That(forwarded.ETagOf(), Is.EqualTo(direct.ETagOf()), "ETag");
            Assert.That(forwarded.Headers.Location, Is.EqualTo(direct.Headers.Location), "Location");
            Assert.That(forwarded.Headers.Contains("Idempotent-Replayed"), Is.EqualTo(direct.Headers.Contains("Idempotent-Replayed")), "Idempotent-Replayed");
            Assert.That(forwarded.Content.Headers.ContentType?.MediaType, Is.EqualTo(direct.Content.Headers.ContentType?.MediaType), "content type");
            Assert.That(Comparable(forwardedBody), Is.EqualTo(Comparable(directBody)), "body");
        });
    }

    /// <summary>A body to compare: a problem's trace id names the request, and its instance the node's own path, so both are left out.</summary>
    private static string Comparable(string body)
    {
        if (body.Length == 0 || JsonDocument.Parse(body).RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            return body;
        }

        return JsonSerializer.Serialize(root.EnumerateObject().Where(p => p.Name is not ("traceId" or "trace_id" or "node")).ToDictionary(p => p.Name, p => p.Value));
    }
}
