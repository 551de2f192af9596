using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Raft3D.Node.Hosting;
using Raft3D.StateMachine.Snapshots;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Compatibility;

/// <summary>
/// A node upgraded in place: today's node started on the data directory the previous release wrote: a
/// format 1 snapshot followed by format 1 log entries (see <see cref="Format1Fixture"/>).
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class Format1DataDirectoryTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    [Test]
    public async Task Todays_node_starts_on_a_format1_snapshot_and_log_serves_them_takes_new_writes_and_restarts_on_its_own_snapshot()
    {
        var root = Directory.CreateTempSubdirectory("raft3d-format1-").FullName;
        var node = Format1Fixture.ExtractTo(root);
        using var client = new HttpClient { BaseAddress = new Uri(node.ApiUrl), Timeout = TimeSpan.FromSeconds(15) };
        WebApplication? app = null;
        try
        {
            app = await StartAsync(node, root, client);
            await ExpectFarmAsWrittenByFormat1Async(client);
            await WriteWithTodaysCommandsAsync(client);

            var snapshotIndex = await SnapshotAsync(client);
            await WaitForNewestSnapshotInTodaysFormatAsync(node, snapshotIndex);
            var before = await FarmAsync(client);
            await StopAsync(app);
            app = null;

            app = await StartAsync(node, root, client);
            var after = await FarmAsync(client);
            Assert.Multiple(() =>
            {
                Assert.That(after.Printers, Is.EqualTo(before.Printers), "printers after a restart on today's snapshot");
                Assert.That(after.Filaments, Is.EqualTo(before.Filaments), "filaments after a restart on today's snapshot");
                Assert.That(after.PrintJobs, Is.EqualTo(before.PrintJobs), "print jobs after a restart on today's snapshot");
                Assert.That(after.Digest, Is.EqualTo(before.Digest), "state digest after a restart on today's snapshot");
            });
        }
        finally
        {
            if (app is not null)
            {
                await StopAsync(app);
            }

            if (TestContext.CurrentContext.Result.FailCount == 0)
            {
                Directory.Delete(root, recursive: true);
            }
            else
            {
                TestContext.Out.WriteLine($"Data directory kept in {root}");
            }
        }
    }

    /// <summary>Starts the node in this process (a start-up failure throws with its reason) and waits until it is ready.</summary>
    private static async Task<WebApplication> StartAsync(TestNode node, string root, HttpClient client)
    {
        Format1Fixture.RequireFreePorts();
        var args = NodeArguments.Build(node, [node], join: false, snapshotInterval: 10_000, restoreFrom: null);
        var app = await NodeApplication.BuildAsync(args, contentRoot: root);
        try
        {
            await app.StartAsync();
            await Eventually.HoldsAsync(
                async () =>
                {
                    using var ready = await client.GetAsync("/readyz");
                    return ready.IsSuccessStatusCode;
                },
                StartTimeout,
                $"{node.Id} on the format 1 data directory to answer 200 at {node.ApiUrl}/readyz (a leader known, the log applied)");
            return app;
        }
        catch
        {
            // Free the fixed ports for whatever runs next; disposing stops the listeners.
            await app.DisposeAsync();
            throw;
        }
    }

    private static async Task StopAsync(WebApplication app)
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>Every entity the old node wrote, with its values, and today's fields filled in for data that predates them.</summary>
    private static async Task ExpectFarmAsWrittenByFormat1Async(HttpClient client)
    {
        var printers = await client.GetJsonAsync("/api/v1/printers");
        var filaments = await client.GetJsonAsync("/api/v1/filaments");
        var jobs = await client.GetJsonAsync("/api/v1/print_jobs");
        Assert.Multiple(() =>
        {
            Assert.That(
                printers.EnumerateArray().Select(p => (Text(p, "id"), Text(p, "company"), Text(p, "model"), Text(p, "state"), Text(p, "current_job_id"), Int(p, "queued_jobs"), Int(p, "completed_jobs"), Grams(p, "printed_weight_in_grams"))),
                Is.EqualTo(Format1Fixture.Printers),
                "printers (id, company, model, state, current job, queued, completed, printed grams), in creation order");
            Assert.That(
                filaments.EnumerateArray().Select(f => (Text(f, "id"), Text(f, "type"), Text(f, "color"), Grams(f, "total_weight_in_grams"), Grams(f, "remaining_weight_in_grams"))),
                Is.EqualTo(Format1Fixture.Filaments),
                "filaments (id, type, color, total, remaining), in creation order");
            Assert.That(
                jobs.EnumerateArray().Select(j => (Text(j, "id"), Text(j, "printer_id"), Text(j, "filament_id"), Text(j, "filepath"), Grams(j, "print_weight_in_grams"), Text(j, "status"), NullableInt(j, "queue_position"), Int(j, "progress_percent"))),
                Is.EqualTo(Format1Fixture.PrintJobs),
                "print jobs (id, printer, filament, filepath, grams, status, queue position, progress), in creation order");

            // Format 1 kept no times and no versions: times stay unknown and versions 0, whether an entity came from the
            // old snapshot or from old log entries replayed after it.
            foreach (var entity in printers.EnumerateArray().Concat(filaments.EnumerateArray()).Concat(jobs.EnumerateArray()))
            {
                var id = Text(entity, "id");
                Assert.That(entity.GetProperty("version").GetInt64(), Is.Zero, $"{id} version");
                Assert.That(entity.GetProperty("created_at").ValueKind, Is.EqualTo(JsonValueKind.Null), $"{id} created_at");
            }

            foreach (var job in jobs.EnumerateArray())
            {
                Assert.That(job.GetProperty("started_at").ValueKind, Is.EqualTo(JsonValueKind.Null), $"{Text(job, "id")} started_at");
                Assert.That(job.GetProperty("finished_at").ValueKind, Is.EqualTo(JsonValueKind.Null), $"{Text(job, "id")} finished_at");
            }
        });
    }

    /// <summary>New entities, and old ones moved on by today's commands, on reservations rebuilt from the old data.</summary>
    private static async Task WriteWithTodaysCommandsAsync(HttpClient client)
    {
        using var printer = await client.CreatePrinterAsync("p4", "Anycubic", "Kobra 2");
        await printer.ExpectAsync(HttpStatusCode.Created, "create printer p4 on format 1 data");
        using var job = await client.CreateJobAsync("j7", "p4", "f1", 100m);
        await job.ExpectAsync(HttpStatusCode.Created, "create job j7 on format 1 data");
        using var running = await client.SetStatusAsync("j7", "Running");
        await running.ExpectAsync(HttpStatusCode.OK, "start j7");
        using var done = await client.SetStatusAsync("j5", "Done");
        await done.ExpectAsync(HttpStatusCode.OK, "finish j5, started by the old node");

        // f1: 650 g left, of which j6 (Queued, format 1 log) and j7 (Running) hold 100 g each.
        using var tooHeavy = await client.CreateJobAsync("j8", "p2", "f1", 450.001m);
        Assert.That(await tooHeavy.ProblemCodeAsync(), Is.EqualTo("insufficient_filament"), "j8 needs more of f1 than its 450 g not held by j6 and j7");

        var p4 = await client.GetJsonAsync("/api/v1/printers/p4");
        var j7 = await client.GetJsonAsync("/api/v1/print_jobs/j7");
        var j5 = await client.GetJsonAsync("/api/v1/print_jobs/j5");
        var p3 = await client.GetJsonAsync("/api/v1/printers/p3");
        var f3 = await client.GetJsonAsync("/api/v1/filaments/f3");
        Assert.Multiple(() =>
        {
            Assert.That(p4.GetProperty("created_at").ValueKind, Is.EqualTo(JsonValueKind.String), "p4 created_at");
            Assert.That(p4.GetProperty("version").GetInt64(), Is.GreaterThan(Format1Fixture.LastIndex), "p4 version");
            Assert.That((Text(p4, "state"), Text(p4, "current_job_id")), Is.EqualTo(("Printing", "j7")), "p4 state and current job");
            Assert.That(Text(j7, "status"), Is.EqualTo("Running"), "j7 status");
            Assert.That(j7.GetProperty("created_at").ValueKind, Is.EqualTo(JsonValueKind.String), "j7 created_at");
            Assert.That(j7.GetProperty("started_at").ValueKind, Is.EqualTo(JsonValueKind.String), "j7 started_at");
            Assert.That(Text(j5, "status"), Is.EqualTo("Done"), "j5 status");
            Assert.That(j5.GetProperty("finished_at").ValueKind, Is.EqualTo(JsonValueKind.String), "j5 finished_at");
            Assert.That(j5.GetProperty("created_at").ValueKind, Is.EqualTo(JsonValueKind.Null), "j5 created_at (written by the old node)");
            Assert.That(j5.GetProperty("version").GetInt64(), Is.GreaterThan(Format1Fixture.LastIndex), "j5 version");
            Assert.That(Grams(f3, "remaining_weight_in_grams"), Is.EqualTo(649.625m), "f3 remaining after j5 (250.5 g) is Done");
            Assert.That((Text(p3, "state"), Int(p3, "completed_jobs"), Grams(p3, "printed_weight_in_grams")), Is.EqualTo(("Idle", 1, 250.5m)), "p3 after j5 is Done");
        });
    }

    private static async Task<long> SnapshotAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/cluster/snapshot", content: null);
        await response.ExpectAsync(HttpStatusCode.OK, "POST /cluster/snapshot");
        return (await response.JsonAsync()).GetProperty("snapshot_index").GetInt64();
    }

    /// <summary>
    /// The restart must read a snapshot in today's format. DotNext restores the snapshot with the highest index,
    /// and here it keeps the format 1 one (it reclaims old snapshots only with the log chunks they cover, and
    /// everything still fits in the first chunk), so wait until the new file is sealed ("index-term", no .tmp) and
    /// check that it is in today's format and the newest.
    /// </summary>
    private static async Task WaitForNewestSnapshotInTodaysFormatAsync(TestNode node, long snapshotIndex)
    {
        var folder = Path.Combine(node.DataDirectory, "snapshots");
        await Eventually.HoldsAsync(
            () =>
            {
                var files = Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>().ToList();
                var newest = files.Where(name => !name.EndsWith(".tmp", StringComparison.Ordinal)).MaxBy(name => long.Parse(name.Split('-')[0], CultureInfo.InvariantCulture));
                if (newest is null || !newest.StartsWith($"{snapshotIndex}-", StringComparison.Ordinal))
                {
                    // Eventually reports the message of the last InvalidOperationException as what it saw.
                    throw new InvalidOperationException($"snapshot files {string.Join(", ", files)}");
                }

                var format = File.ReadAllBytes(Path.Combine(folder, newest))[4];
                return format == FarmSnapshotCodec.FormatVersion
                    ? Task.FromResult(true)
                    : throw new InvalidOperationException($"{newest} is in format {format}");
            },
            TimeSpan.FromSeconds(10),
            $"the newest snapshot in {folder} to be sealed at index {snapshotIndex} in format {FarmSnapshotCodec.FormatVersion}");
    }

    private static async Task<(string Printers, string Filaments, string PrintJobs, string? Digest)> FarmAsync(HttpClient client)
    {
        var status = await client.GetFromJsonAsync<JsonElement>("/cluster/status");
        return (
            (await client.GetJsonAsync("/api/v1/printers")).GetRawText(),
            (await client.GetJsonAsync("/api/v1/filaments")).GetRawText(),
            (await client.GetJsonAsync("/api/v1/print_jobs")).GetRawText(),
            status.GetProperty("state_digest").GetString());
    }

    private static string? Text(JsonElement entity, string field) => entity.GetProperty(field).GetString();

    private static int Int(JsonElement entity, string field) => entity.GetProperty(field).GetInt32();

    private static int? NullableInt(JsonElement entity, string field)
        => entity.GetProperty(field) is { ValueKind: JsonValueKind.Number } value ? value.GetInt32() : null;

    private static decimal Grams(JsonElement entity, string field) => entity.GetProperty(field).GetDecimal();
}
