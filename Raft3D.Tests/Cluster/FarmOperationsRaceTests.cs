using System.Net;
using System.Text.Json;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Cluster;

/// <summary>
/// Operations that race when sent to different nodes at once: the rule that decides them runs in the replicated
/// state machine, so every node ends with the one answer the log order gives.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class FarmOperationsRaceTests : FarmOperationsFixture
{
    [Test]
    public async Task Two_dispatches_of_one_printer_at_once_on_two_nodes_start_exactly_one_job_each_round()
    {
        const int Jobs = 6;
        var client = Client(Leader);
        await GivenAsync(() => client.CreatePrinterAsync("dr-p"), "printer");
        await GivenAsync(() => client.CreateFilamentAsync("dr-f", 1000m), "filament");
        var jobs = Enumerable.Range(1, Jobs).Select(i => $"dr-j{i}").ToList();
        foreach (var job in jobs)
        {
            await GivenAsync(() => client.CreateJobAsync(job, "dr-p", "dr-f", 10m), job);
        }

        // Both followers, leader and follower, follower and leader: the forwarded one and the local one race too.
        (string, string)[] pairs = [(Follower1, Follower2), (Leader, Follower1), (Follower2, Leader), (Follower2, Follower1), (Follower1, Leader)];
        for (var round = 0; round < pairs.Length; round++)
        {
            var (first, second) = pairs[round];
            var expectedRunning = jobs[round];
            var responses = await AllAtOnceAsync([() => Client(first).DispatchAsync("dr-p"), () => Client(second).DispatchAsync("dr-p")]);
            var answers = await Task.WhenAll(responses.Select(async r => ((int)r.StatusCode, await r.Content.ReadAsStringAsync())));
            var what = $"round {round + 1}, dispatch via {first} and {second}; answers: {string.Join(" | ", answers)}";
            Assert.That(responses.Select(r => (int)r.StatusCode).Order(), Is.EqualTo(new[] { 200, 409 }), $"{what}: expected one 200 and one 409");
            var started = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
            var refused = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
            var job = await started.JsonAsync();
            Assert.Multiple(async () =>
            {
                Assert.That(job.GetProperty("id").GetString(), Is.EqualTo(expectedRunning), $"{what}: the head of the queue starts");
                Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("Running"), what);
                Assert.That(await refused.ProblemCodeAsync(), Is.EqualTo("printer_busy"), what);
            });
            foreach (var response in responses)
            {
                response.Dispose();
            }

            await WaitForAllNodesToApplyAsync();
            var queued = jobs.Skip(round + 1).ToList();
            foreach (var (node, list) in await ListOnEveryNodeAsync("/api/v1/print_jobs?printer_id=dr-p"))
            {
                var byStatus = list.EnumerateArray().ToLookup(j => j.GetProperty("status").GetString());
                var queue = byStatus["Queued"].OrderBy(j => j.GetProperty("queue_position").GetInt32()).ToList();
                Assert.Multiple(() =>
                {
                    Assert.That(byStatus["Running"].Select(j => j.GetProperty("id").GetString()), Is.EqualTo(new[] { expectedRunning }), $"{node}, round {round + 1}: the one Running job");
                    Assert.That(queue.Select(j => j.GetProperty("id").GetString()), Is.EqualTo(queued), $"{node}, round {round + 1}: the rest stay Queued in creation order");
                    Assert.That(queue.Select(j => j.GetProperty("queue_position").GetInt32()), Is.EqualTo(Enumerable.Range(1, queued.Count)), $"{node}, round {round + 1}: queue positions");
                    Assert.That(byStatus["Done"].Count(), Is.EqualTo(round), $"{node}, round {round + 1}: jobs finished in earlier rounds");
                });
            }

            var printer = await OnEveryNodeAsync("/api/v1/printers/dr-p", VersionOf(job));
            foreach (var (node, view) in printer)
            {
                Assert.Multiple(() =>
                {
                    Assert.That(view.GetProperty("state").GetString(), Is.EqualTo("Printing"), node);
                    Assert.That(Text(view, "current_job_id"), Is.EqualTo(expectedRunning), node);
                    Assert.That(view.GetProperty("queued_jobs").GetInt32(), Is.EqualTo(queued.Count), node);
                    Assert.That(view.GetProperty("completed_jobs").GetInt32(), Is.EqualTo(round), node);
                });
            }

            // Finish it so the next round races for the next job in the queue.
            await (await client.SetStatusAsync(expectedRunning, "Done")).ExpectAsync(HttpStatusCode.OK, $"{expectedRunning} Done");
        }
    }

    [Test]
    public async Task Twenty_concurrent_assigns_of_one_job_spread_over_the_nodes_leave_it_in_exactly_one_queue()
    {
        const int Printers = 20;
        var client = Client(Leader);
        await GivenAsync(() => client.CreateFilamentAsync("ar-f", 1000m), "filament");
        var printers = Enumerable.Range(0, Printers).Select(i => $"ar-p{i}").ToList();

        // Printer i already holds i % 3 jobs, so the job's position in its final queue is not always 1.
        var waiting = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (printer, i) in printers.Select((p, i) => (p, i)))
        {
            await GivenAsync(() => client.CreatePrinterAsync(printer), printer);
            waiting[printer] = i % 3;
            for (var k = 0; k < i % 3; k++)
            {
                await GivenAsync(() => client.CreateJobAsync($"ar-{printer}-q{k}", printer, "ar-f", 1m), "queued job");
            }
        }

        await GivenAsync(() => client.CreateUnassignedJobAsync("ar-j", "ar-f", 5m), "the job to assign");

        var responses = await AllAtOnceAsync(printers.Select((printer, i) => (Func<Task<HttpResponseMessage>>)(() => RoundRobin(i).AssignAsync("ar-j", printer))));
        var answers = new List<(string Printer, int Status, JsonElement Body)>();
        foreach (var (response, printer) in responses.Zip(printers))
        {
            answers.Add((printer, (int)response.StatusCode, await response.JsonAsync()));
            response.Dispose();
        }

        Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(200), $"every assign of a Queued job succeeds; seen: {string.Join(", ", answers.Select(a => $"{a.Printer}: {a.Status} {a.Body}"))}");

        // Versions are log indexes: the answer with the highest one is the assign applied last.
        var last = answers.MaxBy(a => VersionOf(a.Body));
        var views = await OnEveryNodeAsync("/api/v1/print_jobs/ar-j", VersionOf(last.Body));
        var landedOn = views.Values.Select(v => Text(v, "printer_id")).Distinct().ToList();
        Assert.That(landedOn, Has.Count.EqualTo(1), $"all nodes agree on printer_id; seen: {string.Join(", ", views.Select(v => $"{v.Key}: {Text(v.Value, "printer_id")}"))}");
        var owner = landedOn.Single();
        Assert.Multiple(() =>
        {
            Assert.That(owner, Is.EqualTo(last.Printer), $"the job sits where the last applied assign (version {VersionOf(last.Body)}) put it");
            Assert.That(views.Values.Select(v => v.GetProperty("status").GetString()), Is.All.EqualTo("Queued"));
            Assert.That(views.Values.Select(v => v.GetProperty("queue_position").GetInt32()), Is.All.EqualTo(waiting[owner!] + 1), $"it joined the tail of {owner}'s queue");
        });

        await WaitForAllNodesToApplyAsync();
        foreach (var node in NodeIds)
        {
            var holders = new List<string>();
            var total = 0;
            foreach (var printer in printers)
            {
                var queue = await Client(node).GetJsonAsync(FarmApi.Local($"/api/v1/print_jobs?printer_id={printer}&status=Queued"));
                var ids = IdsOf(queue);
                if (ids.Contains("ar-j"))
                {
                    holders.Add(printer);
                }

                var expected = waiting[printer] + (printer == owner ? 1 : 0);
                var state = await Client(node).GetJsonAsync(FarmApi.Local($"/api/v1/printers/{printer}"));
                Assert.Multiple(() =>
                {
                    Assert.That(ids, Has.Count.EqualTo(expected), $"{node}: {printer}'s queue {string.Join(",", ids)}");
                    Assert.That(queue.EnumerateArray().Select(j => j.GetProperty("queue_position").GetInt32()).Order(), Is.EqualTo(Enumerable.Range(1, ids.Count)), $"{node}: {printer}'s queue positions");
                    Assert.That(state.GetProperty("queued_jobs").GetInt32(), Is.EqualTo(ids.Count), $"{node}: {printer}'s queued_jobs against its queue");
                });
                total += state.GetProperty("queued_jobs").GetInt32();
            }

            var unassigned = IdsOf(await Client(node).GetJsonAsync(FarmApi.Local("/api/v1/print_jobs?unassigned=true&status=Queued")));
            Assert.Multiple(() =>
            {
                Assert.That(holders, Is.EqualTo(new[] { owner }), $"{node}: the printers whose queue holds ar-j");
                Assert.That(total, Is.EqualTo(waiting.Values.Sum() + 1), $"{node}: queued_jobs over the {Printers} printers");
                Assert.That(unassigned, Does.Not.Contain("ar-j"), $"{node}: the unassigned queue");
            });
        }
    }

    [Test]
    public async Task Progress_reported_out_of_order_on_every_node_ends_at_the_highest_value_and_Done_sets_100()
    {
        var client = Client(Leader);
        await GivenAsync(() => client.CreatePrinterAsync("pr-p"), "printer");
        await GivenAsync(() => client.CreateFilamentAsync("pr-f", 1000m), "filament");
        await GivenAsync(() => client.CreateJobAsync("pr-j", "pr-p", "pr-f", 10m), "job");
        using (var notYet = await Client(Follower1).ReportProgressAsync("pr-j", 5))
        {
            await ExpectProblemAsync(notYet, HttpStatusCode.Conflict, "job_not_running", "progress of a Queued job");
        }

        await (await client.DispatchAsync("pr-p")).ExpectAsync(HttpStatusCode.OK, "dispatch");

        // All at once, the retries of a flaky reporter landing on three nodes.
        int[] burst = [10, 50, 30, 80, 20, 80];
        var responses = await AllAtOnceAsync(burst.Select((percent, i) => (Func<Task<HttpResponseMessage>>)(() => RoundRobin(i).ReportProgressAsync("pr-j", percent))));
        var answers = new List<(int Sent, int Status, JsonElement Body)>();
        foreach (var (response, sent) in responses.Zip(burst))
        {
            answers.Add((sent, (int)response.StatusCode, await response.JsonAsync()));
            response.Dispose();
        }

        var seen = string.Join(", ", answers.Select(a => $"{a.Sent} -> {a.Status} {a.Body}"));
        Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(200), $"every report answers 200, a lower one as a no-op; seen: {seen}");
        Assert.That(answers.All(a => a.Body.GetProperty("progress_percent").GetInt32() >= a.Sent), $"no answer shows less than it sent; seen: {seen}");
        var views = await OnEveryNodeAsync("/api/v1/print_jobs/pr-j", answers.Max(a => VersionOf(a.Body)));
        Assert.That(views.Values.Select(v => v.GetProperty("progress_percent").GetInt32()), Is.All.EqualTo(80), $"after the burst; seen: {string.Join(", ", views.Select(v => $"{v.Key}: {v.Value.GetProperty("progress_percent")}"))}");

        // One by one, shuffled over the nodes: each answer shows the highest value so far, never less.
        int[] retries = [60, 90, 40, 90, 70];
        var highest = 80;
        var version = 0L;
        foreach (var (percent, i) in retries.Select((p, i) => (p, i)))
        {
            var node = NodeIds[(i * 2 + 1) % NodeIds.Count];
            using var response = await Client(node).ReportProgressAsync("pr-j", percent);
            var job = await ExpectEntityAsync(response, HttpStatusCode.OK, $"progress {percent} via {node}");
            highest = Math.Max(highest, percent);
            version = Math.Max(version, VersionOf(job));
            Assert.That(job.GetProperty("progress_percent").GetInt32(), Is.EqualTo(highest), $"the answer to {percent} via {node}");
        }

        views = await OnEveryNodeAsync("/api/v1/print_jobs/pr-j", version);
        Assert.That(views.Values.Select(v => v.GetProperty("progress_percent").GetInt32()), Is.All.EqualTo(90), "after the shuffled retries");

        using (var tooHigh = await Client(Follower2).ReportProgressAsync("pr-j", 101))
        {
            await ExpectProblemAsync(tooHigh, HttpStatusCode.BadRequest, "validation_failed", "progress 101");
        }

        using var done = await Client(Follower2).SetStatusAsync("pr-j", "Done");
        var finished = await ExpectEntityAsync(done, HttpStatusCode.OK, "Done");
        views = await OnEveryNodeAsync("/api/v1/print_jobs/pr-j", VersionOf(finished));
        Assert.That(views.Values.Select(v => v.GetProperty("progress_percent").GetInt32()), Is.All.EqualTo(100), "Done sets progress to 100");
        using var late = await Client(Follower1).ReportProgressAsync("pr-j", 95);
        await ExpectProblemAsync(late, HttpStatusCode.Conflict, "job_not_running", "progress after Done");
    }
}
