using System.Globalization;
using System.Net;
using System.Text.Json;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Cluster;

/// <summary>
/// What each node reports about an entity's history: the version (ETag, If-Match) and the times the leader
/// stamped on its commands. Both come from the log, so every node must report them the same.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class FarmOperationsVersionTests : FarmOperationsFixture
{
    private const string IsoUtc = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$";

    [Test]
    public async Task A_stale_If_Match_on_a_printer_PATCH_is_412_on_any_node_and_the_current_ETag_succeeds()
    {
        using var created = await Client(Follower1).CreatePrinterAsync("vp-p", "Prusa", "MK4");
        var v0 = VersionOf(await ExpectEntityAsync(created, HttpStatusCode.Created, "create via a follower"));
        var etag0 = created.ETagOf();
        Assert.That(etag0, Is.EqualTo($"\"{v0}\""), "ETag of the create is the quoted version");
        foreach (var node in NodeIds)
        {
            using var read = await Client(node).GetAsync("/api/v1/printers/vp-p");
            var printer = await ExpectEntityAsync(read, HttpStatusCode.OK, $"GET on {node}");
            Assert.Multiple(() =>
            {
                Assert.That(VersionOf(printer), Is.EqualTo(v0), $"{node}: version");
                Assert.That(read.ETagOf(), Is.EqualTo(etag0), $"{node}: ETag");
            });
        }

        using var patched = await Client(Follower2).MergePatchAsync("/api/v1/printers/vp-p", new { model = "XL" }, etag0);
        var afterPatch = await ExpectEntityAsync(patched, HttpStatusCode.OK, "PATCH via a follower with the current ETag");
        var v1 = VersionOf(afterPatch);
        Assert.Multiple(() =>
        {
            Assert.That(v1, Is.GreaterThan(v0), "the PATCH gives a new version");
            Assert.That(patched.ETagOf(), Is.EqualTo($"\"{v1}\""), "ETag of the PATCH answer");
            Assert.That(afterPatch.GetProperty("model").GetString(), Is.EqualTo("XL"));
            Assert.That(afterPatch.GetProperty("company").GetString(), Is.EqualTo("Prusa"), "an absent field stays as it was");
        });

        foreach (var node in new[] { Follower1, Leader })
        {
            using var stale = await Client(node).MergePatchAsync("/api/v1/printers/vp-p", new { model = "MINI" }, etag0);
            await ExpectProblemAsync(stale, HttpStatusCode.PreconditionFailed, "version_mismatch", $"PATCH via {node} with the stale ETag {etag0}");
        }

        foreach (var (node, view) in await OnEveryNodeAsync("/api/v1/printers/vp-p", v1))
        {
            Assert.Multiple(() =>
            {
                Assert.That(view.GetProperty("model").GetString(), Is.EqualTo("XL"), $"{node}: the refused PATCHes changed nothing");
                Assert.That(VersionOf(view), Is.EqualTo(v1), $"{node}: version after the refused PATCHes");
            });
        }

        using var weak = await Client(Follower1).MergePatchAsync("/api/v1/printers/vp-p", new { company = "Original Prusa" }, $"W/\"{v1}\"");
        var v2 = VersionOf(await ExpectEntityAsync(weak, HttpStatusCode.OK, "PATCH with the current version as a weak tag"));
        using var any = await Client(Follower2).MergePatchAsync("/api/v1/printers/vp-p", new { model = "XL 5T" }, "*");
        Assert.That(VersionOf(await ExpectEntityAsync(any, HttpStatusCode.OK, "PATCH with If-Match: *")), Is.GreaterThan(v2));
        using var malformed = await Client(Follower1).MergePatchAsync("/api/v1/printers/vp-p", new { model = "MINI" }, "version-three");
        await ExpectProblemAsync(malformed, HttpStatusCode.BadRequest, "validation_failed", "a malformed If-Match");
        foreach (var badTag in new[] { "\"9223372036854775807\"", "\"5", "5\"", "5" })
        {
            // The largest long once reached the log as an If-Match no node could read back, and stopped the cluster.
            using var refused = await Client(Follower1).MergePatchAsync("/api/v1/printers/vp-p", new { model = "MINI" }, badTag);
            await ExpectProblemAsync(refused, HttpStatusCode.BadRequest, "validation_failed", $"If-Match {badTag}");
        }

        using var stillWriting = await Client(Follower2).MergePatchAsync("/api/v1/printers/vp-p", new { model = "XL 5T+" }, null);
        await ExpectEntityAsync(stillWriting, HttpStatusCode.OK, "a write after the refused If-Match headers");
        using var deleteStale = await Client(Follower2).DeleteWithIfMatchAsync("/api/v1/printers/vp-p", etag0);
        await ExpectProblemAsync(deleteStale, HttpStatusCode.PreconditionFailed, "version_mismatch", "DELETE with the stale ETag");
        foreach (var node in NodeIds)
        {
            using var still = await Client(node).GetAsync("/api/v1/printers/vp-p");
            await still.ExpectAsync(HttpStatusCode.OK, $"{node}: the printer after a refused DELETE");
        }
    }

    [Test]
    public async Task Stale_If_Match_on_job_filament_dispatch_and_status_via_followers_writes_nothing()
    {
        var client = Client(Leader);
        await GivenAsync(() => client.CreatePrinterAsync("vj-p"), "printer");
        await GivenAsync(() => client.CreateFilamentAsync("vj-f", 1000m), "filament");
        using var createdJob = await client.CreateJobAsync("vj-j", "vj-p", "vj-f", 10m);
        var jobTag0 = createdJob.ETagOf();
        Assert.That(jobTag0, Is.EqualTo($"\"{VersionOf(await ExpectEntityAsync(createdJob, HttpStatusCode.Created, "job"))}\""), "ETag of the job's create");

        // The job: a PATCH with its current tag through one follower, the stale tag through the other.
        using var jobPatched = await Client(Follower1).MergePatchAsync("/api/v1/print_jobs/vj-j", new { filepath = "/prints/vj-v2.gcode" }, jobTag0);
        var jobV1 = VersionOf(await ExpectEntityAsync(jobPatched, HttpStatusCode.OK, "job PATCH with the current ETag"));
        Assert.That(jobPatched.ETagOf(), Is.EqualTo($"\"{jobV1}\""));
        using (var stale = await Client(Follower2).MergePatchAsync("/api/v1/print_jobs/vj-j", new { print_weight_in_grams = 20 }, jobTag0))
        {
            await ExpectProblemAsync(stale, HttpStatusCode.PreconditionFailed, "version_mismatch", "job PATCH via a follower with the stale ETag");
        }

        foreach (var (node, view) in await OnEveryNodeAsync("/api/v1/print_jobs/vj-j", jobV1))
        {
            Assert.Multiple(() =>
            {
                Assert.That(VersionOf(view), Is.EqualTo(jobV1), $"{node}: job version");
                Assert.That(view.GetProperty("print_weight_in_grams").GetDecimal(), Is.EqualTo(10m), $"{node}: weight after the refused PATCH");
                Assert.That(view.GetProperty("filepath").GetString(), Is.EqualTo("/prints/vj-v2.gcode"), $"{node}: filepath");
            });
        }

        // The spool.
        using var spoolRead = await Client(Follower2).GetAsync("/api/v1/filaments/vj-f");
        var spoolTag0 = spoolRead.ETagOf();
        using var recolored = await Client(Follower2).MergePatchAsync("/api/v1/filaments/vj-f", new { color = "Blue" }, spoolTag0);
        var spoolV1 = VersionOf(await ExpectEntityAsync(recolored, HttpStatusCode.OK, "filament PATCH with the current ETag"));
        using (var stale = await Client(Follower1).MergePatchAsync("/api/v1/filaments/vj-f", new { color = "Green" }, spoolTag0))
        {
            await ExpectProblemAsync(stale, HttpStatusCode.PreconditionFailed, "version_mismatch", "filament PATCH via a follower with the stale ETag");
        }

        using (var weights = await Client(Follower1).MergePatchAsync("/api/v1/filaments/vj-f", new { remaining_weight_in_grams = 5 }))
        {
            await ExpectProblemAsync(weights, HttpStatusCode.BadRequest, "validation_failed", "a PATCH of a spool's weight");
        }

        foreach (var (node, view) in await OnEveryNodeAsync("/api/v1/filaments/vj-f", spoolV1))
        {
            Assert.Multiple(() =>
            {
                Assert.That(view.GetProperty("color").GetString(), Is.EqualTo("Blue"), $"{node}: color after the refused PATCH");
                Assert.That(view.GetProperty("remaining_weight_in_grams").GetDecimal(), Is.EqualTo(1000m), $"{node}: remaining weight");
            });
        }

        // The printer: a job joining its queue changes its version, so a dispatch with the earlier tag is refused.
        using var printerRead = await Client(Follower1).GetAsync("/api/v1/printers/vj-p");
        var printerTag0 = printerRead.ETagOf();
        await GivenAsync(() => client.CreateJobAsync("vj-j2", "vj-p", "vj-f", 10m), "a second job in the queue");
        using (var stale = await Client(Follower2).DispatchAsync("vj-p", printerTag0))
        {
            await ExpectProblemAsync(stale, HttpStatusCode.PreconditionFailed, "version_mismatch", $"dispatch with the printer's tag {printerTag0} from before its queue grew");
        }

        await WaitForAllNodesToApplyAsync();
        foreach (var (node, list) in await ListOnEveryNodeAsync("/api/v1/print_jobs?printer_id=vj-p"))
        {
            Assert.That(list.EnumerateArray().Select(j => j.GetProperty("status").GetString()), Is.All.EqualTo("Queued"), $"{node}: no job started by the refused dispatch");
        }

        using var printerNow = await Client(Follower2).GetAsync("/api/v1/printers/vj-p");
        using var dispatched = await Client(Follower1).DispatchAsync("vj-p", printerNow.ETagOf());
        var running = await ExpectEntityAsync(dispatched, HttpStatusCode.OK, "dispatch with the printer's current ETag");
        Assert.That(running.GetProperty("id").GetString(), Is.EqualTo("vj-j"));

        // The job's status, with the tag from before it started.
        using (var stale = await Client(Follower2).SendWithIfMatchAsync(HttpMethod.Post, "/api/v1/print_jobs/vj-j/status?status=Done", body: null, $"\"{jobV1}\""))
        {
            await ExpectProblemAsync(stale, HttpStatusCode.PreconditionFailed, "version_mismatch", "status Done with the job's tag from before it started");
        }

        foreach (var (node, view) in await OnEveryNodeAsync("/api/v1/print_jobs/vj-j", VersionOf(running)))
        {
            Assert.That(view.GetProperty("status").GetString(), Is.EqualTo("Running"), $"{node}: status after the refused change");
        }
    }

    [Test]
    public async Task Every_node_reports_the_same_created_started_and_finished_times()
    {
        using var printer = await Client(Follower1).CreatePrinterAsync("ts-p");
        using var spool = await Client(Follower2).CreateFilamentAsync("ts-f", 1000m);
        using var job = await Client(Leader).CreateJobAsync("ts-j", "ts-p", "ts-f", 10m);
        var printerV = VersionOf(await ExpectEntityAsync(printer, HttpStatusCode.Created, "printer"));
        var spoolV = VersionOf(await ExpectEntityAsync(spool, HttpStatusCode.Created, "filament"));
        var jobV = VersionOf(await ExpectEntityAsync(job, HttpStatusCode.Created, "job"));

        var spoolCreated = SameOnEveryNode(await OnEveryNodeAsync("/api/v1/filaments/ts-f", spoolV), "created_at", "filament");
        SameOnEveryNode(await OnEveryNodeAsync("/api/v1/filaments/ts-f", spoolV), "updated_at", "filament");
        var printerCreated = SameOnEveryNode(await OnEveryNodeAsync("/api/v1/printers/ts-p", printerV), "created_at", "printer");
        var queued = await OnEveryNodeAsync("/api/v1/print_jobs/ts-j", jobV);
        var jobCreated = SameOnEveryNode(queued, "created_at", "job");
        Assert.Multiple(() =>
        {
            Assert.That(queued.Values.Select(v => Text(v, "started_at")), Is.All.Null, "started_at of a Queued job");
            Assert.That(queued.Values.Select(v => Text(v, "finished_at")), Is.All.Null, "finished_at of a Queued job");
            Assert.That(jobCreated, Is.GreaterThanOrEqualTo(printerCreated), "the job was created after its printer");
        });

        using var dispatched = await Client(Follower2).DispatchAsync("ts-p");
        var running = await OnEveryNodeAsync("/api/v1/print_jobs/ts-j", VersionOf(await ExpectEntityAsync(dispatched, HttpStatusCode.OK, "dispatch")));
        var started = SameOnEveryNode(running, "started_at", "Running job");
        SameOnEveryNode(await OnEveryNodeAsync("/api/v1/printers/ts-p", VersionOf(running[Leader])), "updated_at", "printer after dispatch");

        using var done = await Client(Follower1).SetStatusAsync("ts-j", "Done");
        var finishedViews = await OnEveryNodeAsync("/api/v1/print_jobs/ts-j", VersionOf(await ExpectEntityAsync(done, HttpStatusCode.OK, "Done")));
        var finished = SameOnEveryNode(finishedViews, "finished_at", "Done job");
        Assert.Multiple(() =>
        {
            Assert.That(started, Is.GreaterThanOrEqualTo(jobCreated), "started_at against created_at");
            Assert.That(finished, Is.GreaterThanOrEqualTo(started), "finished_at against started_at");
            Assert.That(SameOnEveryNode(finishedViews, "created_at", "Done job"), Is.EqualTo(jobCreated), "created_at never changes");
            Assert.That(SameOnEveryNode(finishedViews, "started_at", "Done job"), Is.EqualTo(started), "started_at stays once Done");
            Assert.That(spoolCreated, Is.Not.EqualTo(default(DateTime)));
        });
    }

    /// <summary>Asserts the field is a UTC ISO 8601 time, the very same string on every node, and returns it.</summary>
    private static DateTime SameOnEveryNode(IReadOnlyDictionary<string, JsonElement> views, string field, string what)
    {
        var values = views.ToDictionary(v => v.Key, v => Text(v.Value, field));
        var seen = string.Join(", ", values.Select(v => $"{v.Key}: {v.Value ?? "null"}"));
        Assert.That(values.Values.Distinct().Count(), Is.EqualTo(1), $"{what} {field} on every node; seen: {seen}");
        var value = values.Values.First();
        Assert.That(value, Does.Match(IsoUtc), $"{what} {field} as ISO 8601 UTC; seen: {seen}");
        return DateTime.Parse(value!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    }
}
