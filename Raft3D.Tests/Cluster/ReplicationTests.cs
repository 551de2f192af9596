using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Raft3D.Client;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Cluster;

/// <summary>One real three-node cluster shared by tests that do not disturb it; each test uses its own ids.</summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class ReplicationTests
{
    private InProcessCluster cluster = null!;
    private string leader = null!;
    private string follower = null!;

    [OneTimeSetUp]
    public async Task StartCluster()
    {
        cluster = await InProcessCluster.StartAsync();
        leader = await cluster.WaitForLeaderAsync();
        follower = cluster.AFollower(leader);
    }

    [OneTimeTearDown]
    public async Task StopCluster() => await cluster.DisposeAsync();

    [Test]
    public async Task A_write_through_a_follower_is_forwarded_and_readable_on_every_node()
    {
        using var created = await cluster.Client(follower).CreatePrinterAsync("rep-p1", "Prusa", "XL");
        await created.ExpectAsync(HttpStatusCode.Created, "create via follower");
        Assert.Multiple(() =>
        {
            Assert.That(created.Headers.Location?.ToString(), Is.EqualTo("/api/v1/printers/rep-p1"));
            Assert.That(created.Headers.GetValues("X-Raft3D-Forwarded-By").Single(), Is.EqualTo(follower));
            Assert.That(created.Headers.GetValues("X-Raft3D-Node").Single(), Is.EqualTo(leader));
        });

        // Linearizable reads right after the acknowledgement: no polling, every node must already see it.
        foreach (var node in cluster.Nodes)
        {
            var printer = await cluster.Client(node.Id).GetJsonAsync("/api/v1/printers/rep-p1");
            Assert.That(printer.GetProperty("model").GetString(), Is.EqualTo("XL"), node.Id);
        }
    }

    [Test]
    public async Task Twenty_concurrent_100g_jobs_on_a_1000g_spool_sent_to_different_nodes_give_exactly_ten_successes()
    {
        var client = cluster.Client(leader);
        await (await client.CreatePrinterAsync("race-p")).ExpectAsync(HttpStatusCode.Created, "printer");
        await (await client.CreateFilamentAsync("race-f", 1000m)).ExpectAsync(HttpStatusCode.Created, "filament");

        var clients = cluster.Nodes.Select(n => cluster.ApiClient(n.Id)).ToList();
        var attempts = Enumerable.Range(0, 20).Select(async i =>
        {
            var response = await clients[i % clients.Count].CreatePrintJobAsync(new NewPrintJob($"race-j{i}", "race-p", "race-f", $"/prints/race-{i}.gcode", 100m));
            return (response.StatusCode, response.Problem?.Code);
        });
        var results = await Task.WhenAll(attempts);
        clients.ForEach(c => c.Dispose());

        Assert.Multiple(() =>
        {
            Assert.That(results.Count(r => r.StatusCode == HttpStatusCode.Created), Is.EqualTo(10), string.Join(", ", results));
            Assert.That(results.Where(r => r.StatusCode != HttpStatusCode.Created).Select(r => r.Code), Is.All.EqualTo("insufficient_filament"));
        });
        var queued = await cluster.Client(follower).GetJsonAsync("/api/v1/print_jobs?filament_id=race-f&status=queued");
        Assert.That(queued.GetArrayLength(), Is.EqualTo(10));
    }

    [Test]
    public async Task The_seed_flow_runs_against_a_follower_with_the_seeds_paths_and_spellings()
        => await SeedFlow.RunAsync(cluster.Client(follower), prefix: "seed-");

    [Test]
    public async Task Errors_are_problems_with_stable_codes_even_when_forwarded()
    {
        var client = cluster.Client(follower);
        using var malformed = await client.PostAsync("/api/v1/printers", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        using var missing = await client.PostAsJsonAsync("/api/v1/printers", new { company = "Prusa" });
        using var badType = await client.PostAsJsonAsync("/api/v1/filaments", new { type = "wood", color = "x", total_weight_in_grams = 5 });
        using var unknownRef = await client.CreateJobAsync("err-j", "no-printer", "no-filament", 1m);
        using var notFound = await client.GetAsync("/api/v1/print_jobs/does-not-exist");
        using var badStatus = await client.SetStatusAsync("does-not-exist", "Paused");
        using var createdRunning = await client.PostAsJsonAsync("/api/v1/print_jobs", new { printer_id = "p", filament_id = "f", filepath = "a", print_weight_in_grams = 1, status = "Running" });
        using var duplicated = await client.PostAsync("/api/v1/printers", new StringContent("""{"id":"dup-a","company":"Prusa","model":"MK4","id":"dup-b"}""", System.Text.Encoding.UTF8, "application/json"));
        var duplicateDetail = (await duplicated.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("detail", out var detail) ? detail.GetString() : null;
        using var firstId = await client.GetAsync("/api/v1/printers/dup-a");
        using var secondId = await client.GetAsync("/api/v1/printers/dup-b");

        Assert.Multiple(async () =>
        {
            Assert.That(malformed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await malformed.ProblemCodeAsync(), Is.EqualTo("validation_failed"));
            Assert.That(await missing.ProblemCodeAsync(), Is.EqualTo("validation_failed"));
            Assert.That(await badType.ProblemCodeAsync(), Is.EqualTo("validation_failed"));
            Assert.That(unknownRef.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(await unknownRef.ProblemCodeAsync(), Is.EqualTo("unknown_reference"));
            Assert.That(notFound.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await notFound.ProblemCodeAsync(), Is.EqualTo("not_found"));
            Assert.That(await badStatus.ProblemCodeAsync(), Is.EqualTo("validation_failed"));
            Assert.That(await createdRunning.ProblemCodeAsync(), Is.EqualTo("validation_failed"));
            Assert.That(duplicated.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a field named twice");
            Assert.That(duplicateDetail, Is.EqualTo("The body gives id more than once; send each field once."), "the problem names the field given twice");
            Assert.That(firstId.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "neither id was created");
            Assert.That(secondId.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "neither id was created");
        });
    }

    [Test]
    public async Task A_create_replayed_on_another_node_is_idempotent()
    {
        using var first = await cluster.Client(cluster.Nodes[0].Id).CreateFilamentAsync("idem-f", 750m, "petg", "Blue");
        using var replay = await cluster.Client(cluster.Nodes[1].Id).CreateFilamentAsync("idem-f", 750m, "PETG", "Blue");
        using var conflict = await cluster.Client(cluster.Nodes[2].Id).CreateFilamentAsync("idem-f", 500m, "PETG", "Blue");
        await first.ExpectAsync(HttpStatusCode.Created, "first");
        await replay.ExpectAsync(HttpStatusCode.OK, "replay");
        Assert.That(await conflict.ProblemCodeAsync(), Is.EqualTo("duplicate_id"));
    }

    [Test]
    public async Task Cluster_status_agrees_on_the_leader_and_converges_to_one_digest()
    {
        using var write = await cluster.Client(leader).CreatePrinterAsync("status-p");
        await write.ExpectAsync(HttpStatusCode.Created, "write");
        var leaderStatus = await cluster.StatusAsync(leader);
        Assert.Multiple(() =>
        {
            Assert.That(leaderStatus.GetProperty("role").GetString(), Is.EqualTo("leader"));
            Assert.That(leaderStatus.GetProperty("members").GetArrayLength(), Is.EqualTo(3));
            Assert.That(leaderStatus.GetProperty("members").EnumerateArray().Count(m => m.GetProperty("is_leader").GetBoolean()), Is.EqualTo(1));
        });

        await Eventually.HoldsAsync(
            async () =>
            {
                var statuses = await Task.WhenAll(cluster.Nodes.Select(n => cluster.StatusAsync(n.Id)));
                return statuses.Select(s => (s.GetProperty("state_digest").GetString(), s.GetProperty("state_digest_index").GetInt64())).Distinct().Count() == 1;
            },
            TimeSpan.FromSeconds(10),
            "every node to report the same digest at the same index");

        var leaderInfo = await cluster.Client(follower).GetJsonAsync("/cluster/leader");
        Assert.That(leaderInfo.GetProperty("leader_id").GetString(), Is.EqualTo(leader));
    }

    [Test]
    public async Task Local_reads_skip_the_barrier_and_unknown_consistency_is_rejected()
    {
        using var local = await cluster.Client(follower).GetAsync("/api/v1/printers?consistency=local");
        using var bad = await cluster.Client(follower).GetAsync("/api/v1/printers?consistency=eventual");
        await local.ExpectAsync(HttpStatusCode.OK, "local read");
        Assert.That(await bad.ProblemCodeAsync(), Is.EqualTo("validation_failed"));
    }

    [Test]
    public async Task Swagger_documents_every_endpoint_on_every_node()
    {
        var document = await cluster.Client(follower).GetJsonAsync("/swagger/v1/swagger.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(paths, Is.SupersetOf(new[]
        {
            "/api/v1/printers", "/api/v1/printers/{id}", "/api/v1/filaments", "/api/v1/filaments/{id}",
            "/api/v1/print_jobs", "/api/v1/print_jobs/{id}", "/api/v1/print_jobs/{id}/status", "/cluster/status", "/cluster/leader",
            "/api/v1/printers/{id}/maintenance", "/api/v1/printers/{id}/dispatch", "/api/v1/print_jobs/{id}/assign", "/api/v1/print_jobs/{id}/progress",
            "/api/v1/filaments/{id}/adjustments", "/api/v1/filaments/{id}/measure", "/api/v1/filaments/{id}/ledger", "/api/v1/filaments/{id}/verify",
            "/api/v1/print_jobs/{id}/history", "/api/v1/stock", "/api/v1/export",
        }));

        // The headers that carry meaning are documented where they apply, and only there.
        var patch = document.GetProperty("paths").GetProperty("/api/v1/printers/{id}").GetProperty("patch");
        var list = document.GetProperty("paths").GetProperty("/api/v1/print_jobs").GetProperty("get");
        var members = document.GetProperty("paths").GetProperty("/cluster/members").GetProperty("get");
        Assert.Multiple(() =>
        {
            Assert.That(patch.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()), Does.Contain("If-Match"));
            Assert.That(patch.GetProperty("responses").GetProperty("200").GetProperty("headers").TryGetProperty("ETag", out _), Is.True, "ETag on PATCH");
            Assert.That(patch.GetProperty("responses").TryGetProperty("412", out _), Is.True, "412 on PATCH");
            Assert.That(list.GetProperty("responses").GetProperty("200").GetProperty("headers").TryGetProperty("Link", out _), Is.True, "Link on a farm list");
            Assert.That(members.GetProperty("responses").GetProperty("200").TryGetProperty("headers", out _), Is.False, "no paging headers on /cluster/members");
        });

        // Every farm write takes an Idempotency-Key and may answer with a replay; paging headers only where a list pages.
        var items = document.GetProperty("paths");
        var writes = new[] { ("/api/v1/filaments", "post"), ("/api/v1/filaments/{id}/adjustments", "post"), ("/api/v1/print_jobs/{id}/status", "patch"), ("/api/v1/printers/{id}", "delete") };
        var adjust = items.GetProperty("/api/v1/filaments/{id}/adjustments").GetProperty("post");
        var ledger = items.GetProperty("/api/v1/filaments/{id}/ledger").GetProperty("get");
        var history = items.GetProperty("/api/v1/print_jobs/{id}/history").GetProperty("get");
        var export = items.GetProperty("/api/v1/export").GetProperty("get");
        Assert.Multiple(() =>
        {
            foreach (var (path, method) in writes)
            {
                var write = items.GetProperty(path).GetProperty(method);
                Assert.That(ParameterNames(write), Does.Contain("Idempotency-Key"), $"Idempotency-Key on {method} {path}");
                Assert.That(write.GetProperty("responses").TryGetProperty("422", out _), Is.True, $"422 idempotency_key_reused on {method} {path}");
                Assert.That(write.GetProperty("responses").GetProperty("400").GetProperty("description").GetString(), Does.Contain("Idempotency-Key"), $"a malformed key is a 400 on {method} {path}");
                var success = write.GetProperty("responses").EnumerateObject().First(r => r.Name.StartsWith('2')).Value;
                Assert.That(success.GetProperty("headers").TryGetProperty("Idempotent-Replayed", out _), Is.True, $"Idempotent-Replayed on {method} {path}");
            }

            Assert.That(ParameterNames(adjust), Does.Contain("If-Match"), "If-Match on an adjustment");
            Assert.That(ParameterNames(ledger), Does.Not.Contain("Idempotency-Key"), "no key on a read");
            Assert.That(ParameterNames(items.GetProperty("/api/v1/filaments").GetProperty("post")), Does.Not.Contain("If-Match"), "no If-Match on a create");
            Assert.That(ledger.GetProperty("responses").GetProperty("200").GetProperty("headers").TryGetProperty("Link", out _), Is.True, "Link on the paged ledger");
            Assert.That(history.GetProperty("responses").GetProperty("200").TryGetProperty("headers", out _), Is.False, "no paging headers on a job's history");
            Assert.That(export.GetProperty("responses").GetProperty("200").GetProperty("headers").TryGetProperty("X-Raft3D-Export-Index", out _), Is.True, "the export's index header");
        });

        // A create ignores a field it does not know (the seeds' scripts may send one), a merge patch refuses it, an
        // answer may gain one: the schemas say so, and only the strict ones carry additionalProperties: false.
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Multiple(() =>
        {
            Assert.That(schemas.GetProperty("PrinterPatchRequest").GetProperty("additionalProperties").GetBoolean(), Is.False, "a patch refuses unknown fields");
            Assert.That(schemas.GetProperty("FilamentAdjustmentRequest").GetProperty("additionalProperties").GetBoolean(), Is.False, "an adjustment refuses unknown fields");
            Assert.That(schemas.GetProperty("PrinterCreateRequest").TryGetProperty("additionalProperties", out var create) && !create.GetBoolean(), Is.False, "a create ignores unknown fields");
            Assert.That(schemas.GetProperty("PrinterResponse").TryGetProperty("additionalProperties", out var answer) && !answer.GetBoolean(), Is.False, "an answer may gain fields");
        });

        using var ui = await cluster.Client(follower).GetAsync("/swagger/index.html");
        await ui.ExpectAsync(HttpStatusCode.OK, "Swagger UI");
    }

    private static IEnumerable<string?> ParameterNames(JsonElement operation)
        => operation.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray().Select(p => p.GetProperty("name").GetString()) : [];
}
