using System.Net;
using System.Text.Json;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Faults;

/// <summary>
/// Writes with an Idempotency-Key, each sent five times through different node processes, one of them after
/// the leader was SIGKILLed, and a whole cluster killed and restarted on its snapshots: every write changes the
/// farm once, and every retry gets the first answer.
/// </summary>
[TestFixture]
[Category("Faults")]
[NonParallelizable]
public sealed class ExactlyOnceTests
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_create_a_Done_an_adjustment_and_a_measure_each_sent_five_times_change_the_farm_once_across_a_leader_kill()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        var nodes = cluster.Nodes.Select(n => n.Id).ToArray();
        var leader = await cluster.WaitForLeaderAsync();
        var client = cluster.Client(leader);
        await (await client.CreatePrinterAsync("p1")).ExpectAsync(HttpStatusCode.Created, "printer");

        // No id: the key alone must make the five sends one spool.
        var create = new KeyedRequest(HttpMethod.Post, "/api/v1/filaments", """{"type":"PLA","color":"Red","total_weight_in_grams":1000,"spool_weight_in_grams":200}""", "create-spool");
        var created = await SendFiveTimesAsync(cluster, create, nodes, HttpStatusCode.Created);
        var spool = JsonDocument.Parse(created.Body).RootElement.GetProperty("id").GetString()!;

        await (await client.CreateJobAsync("j1", "p1", spool, 100m)).ExpectAsync(HttpStatusCode.Created, "job");
        await (await client.SetStatusAsync("j1", "Running")).ExpectAsync(HttpStatusCode.OK, "start");
        var done = new KeyedRequest(HttpMethod.Post, "/api/v1/print_jobs/j1/status", """{"status":"Done","actual_weight_in_grams":90}""", "done-j1");
        await SendFiveTimesAsync(cluster, done, nodes, HttpStatusCode.OK);

        // The adjustment is answered once by the leader, which then dies; the four retries go to the survivors,
        // riding out the election (503s) to the new leader, which holds the key through the replicated log.
        var adjust = new KeyedRequest(HttpMethod.Post, $"/api/v1/filaments/{spool}/adjustments", """{"grams":-12.5,"reason":"purged a tangle"}""", "adjust-1");
        leader = await cluster.WaitForLeaderAsync();
        var first = await adjust.SendAsync(cluster, leader, AnswerTimeout);
        Assert.That((first.Status, first.Replayed), Is.EqualTo((HttpStatusCode.OK, false)), first.Body);
        cluster.Kill(leader);
        var survivors = nodes.Where(n => n != leader).ToArray();
        for (var retry = 0; retry < 4; retry++)
        {
            var again = await adjust.SendAsync(cluster, survivors[retry % survivors.Length], AnswerTimeout);
            AssertSameAnswer(first, again, $"adjustment retry {retry + 1} after the leader died");
        }

        var measure = new KeyedRequest(HttpMethod.Post, $"/api/v1/filaments/{spool}/measure", """{"gross_weight_in_grams":1050}""", "measure-1");
        await SendFiveTimesAsync(cluster, measure, survivors, HttpStatusCode.OK);

        cluster.Start(leader);
        await cluster.WaitForConvergenceAsync(TimeSpan.FromSeconds(60));
        foreach (var node in nodes)
        {
            var http = cluster.Client(node);
            var ledger = await http.GetJsonAsync(FarmApi.Local($"/api/v1/filaments/{spool}/ledger"));
            var kinds = ledger.EnumerateArray().Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("grams").GetDecimal())).ToList();
            Assert.That(kinds, Is.EqualTo(new (string?, decimal)[] { ("measure", -47.5m), ("adjust", -12.5m), ("consume", -90m), ("initial", 1000m) }), $"{node}: the ledger, newest first");
            var filament = await http.GetJsonAsync(FarmApi.Local($"/api/v1/filaments/{spool}"));
            Assert.That(filament.GetProperty("remaining_weight_in_grams").GetDecimal(), Is.EqualTo(850m), $"{node}: remaining");
            var verify = await http.GetJsonAsync(FarmApi.Local($"/api/v1/filaments/{spool}/verify"));
            Assert.That(verify.GetProperty("ok").GetBoolean(), Is.True, $"{node}: {verify}");
            var filaments = await http.GetJsonAsync(FarmApi.Local("/api/v1/filaments"));
            Assert.That(filaments.GetArrayLength(), Is.EqualTo(1), $"{node}: five creates with one key made one spool");
        }
    }

    [Test]
    public async Task Keys_survive_a_snapshot_and_a_restart_of_every_node()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        var nodes = cluster.Nodes.Select(n => n.Id).ToArray();
        KeyedRequest[] writes =
        [
            new(HttpMethod.Post, "/api/v1/printers", """{"company":"Prusa","model":"MK4"}""", "printer-1"),
            new(HttpMethod.Post, "/api/v1/filaments", """{"id":"f1","type":"PETG","color":"Black","total_weight_in_grams":750}""", "spool-1"),
            new(HttpMethod.Post, "/api/v1/filaments/f1/adjustments", """{"grams":-50}""", "adjust-1"),
            new(HttpMethod.Patch, "/api/v1/filaments/f1", """{"color":"Jet Black"}""", "edit-1"),
            new(HttpMethod.Post, "/api/v1/filaments/f1/adjustments", """{"grams":-5000}""", "too-much"),
        ];
        var firsts = new List<KeyedAnswer>();
        foreach (var write in writes)
        {
            firsts.Add(await write.SendAsync(cluster, nodes[0], AnswerTimeout));
        }

        Assert.That(firsts.Select(a => a.Status), Is.EqualTo(new[] { HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Conflict }));

        // Every node snapshots at one index; then every process dies at once and starts again on its data.
        var leader = await cluster.WaitForLeaderAsync();
        using (var snapshot = await cluster.Client(leader).PostAsync("/cluster/snapshot", content: null))
        {
            await snapshot.ExpectAsync(HttpStatusCode.OK, "snapshot");
        }

        await cluster.WaitForConvergenceAsync(TimeSpan.FromSeconds(30));
        foreach (var node in cluster.Nodes)
        {
            Assert.That(Directory.EnumerateFiles(Path.Combine(node.DataDirectory, "snapshots")), Is.Not.Empty, $"{node.Id} took a snapshot");
            cluster.Kill(node.Id);
        }

        foreach (var node in cluster.Nodes)
        {
            cluster.Start(node.Id);
        }

        await cluster.WaitForLeaderAsync();
        for (var i = 0; i < writes.Length; i++)
        {
            foreach (var node in nodes)
            {
                AssertSameAnswer(firsts[i], await writes[i].SendAsync(cluster, node, AnswerTimeout), $"{writes[i].Key} through {node} after the restart");
            }
        }

        await cluster.WaitForConvergenceAsync(TimeSpan.FromSeconds(30));
        var ledger = await cluster.Client(nodes[1]).GetJsonAsync("/api/v1/filaments/f1/ledger");
        Assert.That(ledger.GetArrayLength(), Is.EqualTo(2), "the initial weight and one adjustment, whatever the retries");
        var printers = await cluster.Client(nodes[2]).GetJsonAsync("/api/v1/printers");
        Assert.That(printers.GetArrayLength(), Is.EqualTo(1));
    }

    private static async Task<KeyedAnswer> SendFiveTimesAsync(ProcessCluster cluster, KeyedRequest write, string[] nodes, HttpStatusCode expected)
    {
        var first = await write.SendAsync(cluster, nodes[0], AnswerTimeout);
        Assert.That((first.Status, first.Replayed), Is.EqualTo((expected, false)), $"{write.Key}: {first.Body}");
        for (var retry = 1; retry < 5; retry++)
        {
            AssertSameAnswer(first, await write.SendAsync(cluster, nodes[retry % nodes.Length], AnswerTimeout), $"{write.Key} retry {retry}");
        }

        return first;
    }

    /// <summary>A retry is answered with the first response, marked as replayed.</summary>
    private static void AssertSameAnswer(KeyedAnswer first, KeyedAnswer retry, string what)
        => Assert.Multiple(() =>
        {
            Assert.That(retry.Status, Is.EqualTo(first.Status), $"{what}: status ({retry.Node} said {retry.Body})");
            Assert.That(retry.Body, Is.EqualTo(first.Body), $"{what}: body");
            Assert.That(retry.ETag, Is.EqualTo(first.ETag), $"{what}: ETag");
            Assert.That(retry.Replayed, Is.True, $"{what}: Idempotent-Replayed");
        });
}
