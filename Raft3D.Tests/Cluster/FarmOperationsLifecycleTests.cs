using System.Net;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Cluster;

/// <summary>
/// A printer's and a spool's life beyond print jobs: maintenance, deletion, archiving, the unassigned queue and
/// the lists' filters, driven through followers and checked on every node.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class FarmOperationsLifecycleTests : FarmOperationsFixture
{
    [Test]
    public async Task A_printer_in_maintenance_starts_nothing_and_cannot_enter_maintenance_while_printing()
    {
        var client = Client(Follower1);
        await GivenAsync(() => client.CreatePrinterAsync("mt-p"), "printer");
        await GivenAsync(() => client.CreateFilamentAsync("mt-f", 1000m), "filament");
        await GivenAsync(() => client.CreateJobAsync("mt-j1", "mt-p", "mt-f", 10m), "job 1");
        await GivenAsync(() => client.CreateJobAsync("mt-j2", "mt-p", "mt-f", 10m), "job 2");
        await GivenAsync(() => client.CreateUnassignedJobAsync("mt-j3", "mt-f", 10m), "unassigned job");

        using var entered = await Client(Follower2).StartMaintenanceAsync("mt-p");
        var inMaintenance = await ExpectEntityAsync(entered, HttpStatusCode.OK, "enter maintenance");
        Assert.That(inMaintenance.GetProperty("state").GetString(), Is.EqualTo("Maintenance"));
        using var again = await Client(Leader).StartMaintenanceAsync("mt-p");
        var repeated = await ExpectEntityAsync(again, HttpStatusCode.OK, "enter maintenance again");
        Assert.Multiple(() =>
        {
            Assert.That(repeated.GetProperty("state").GetString(), Is.EqualTo("Maintenance"), "after the repeat");
            Assert.That(VersionOf(repeated), Is.EqualTo(VersionOf(inMaintenance)), "a repeated maintenance is a no-op: the version stays");
        });

        using (var dispatch = await Client(Follower1).DispatchAsync("mt-p"))
        {
            await ExpectProblemAsync(dispatch, HttpStatusCode.Conflict, "printer_in_maintenance", "dispatch in maintenance");
        }

        using (var running = await Client(Follower2).SetStatusAsync("mt-j1", "Running"))
        {
            await ExpectProblemAsync(running, HttpStatusCode.Conflict, "printer_in_maintenance", "status Running of its queued job");
        }

        using (var assign = await Client(Follower2).AssignAsync("mt-j3", "mt-p"))
        {
            await ExpectProblemAsync(assign, HttpStatusCode.Conflict, "printer_in_maintenance", "assign to a printer in maintenance");
        }

        await WaitForAllNodesToApplyAsync();
        foreach (var (node, list) in await ListOnEveryNodeAsync("/api/v1/print_jobs?filament_id=mt-f"))
        {
            Assert.That(list.EnumerateArray().Select(j => j.GetProperty("status").GetString()), Is.All.EqualTo("Queued"), $"{node}: nothing started during maintenance");
        }

        using var left = await Client(Leader).EndMaintenanceAsync("mt-p");
        Assert.That((await ExpectEntityAsync(left, HttpStatusCode.OK, "leave maintenance")).GetProperty("state").GetString(), Is.EqualTo("Idle"));
        using var started = await Client(Follower2).DispatchAsync("mt-p");
        var job = await ExpectEntityAsync(started, HttpStatusCode.OK, "dispatch after maintenance");
        Assert.That((job.GetProperty("id").GetString(), job.GetProperty("status").GetString()), Is.EqualTo(("mt-j1", "Running")));

        using (var busy = await Client(Follower1).StartMaintenanceAsync("mt-p"))
        {
            await ExpectProblemAsync(busy, HttpStatusCode.Conflict, "printer_busy", "enter maintenance while printing");
        }

        foreach (var (node, printer) in await OnEveryNodeAsync("/api/v1/printers/mt-p", VersionOf(job)))
        {
            Assert.Multiple(() =>
            {
                Assert.That(printer.GetProperty("state").GetString(), Is.EqualTo("Printing"), node);
                Assert.That(Text(printer, "current_job_id"), Is.EqualTo("mt-j1"), node);
            });
        }
    }

    [Test]
    public async Task Deleting_a_printer_waits_for_its_open_jobs_and_its_past_jobs_keep_its_id()
    {
        var client = Client(Follower2);
        await GivenAsync(() => client.CreatePrinterAsync("dp-p"), "printer");
        await GivenAsync(() => client.CreatePrinterAsync("dp-other"), "other printer");
        await GivenAsync(() => client.CreateFilamentAsync("dp-f", 1000m), "filament");
        await GivenAsync(() => client.CreateJobAsync("dp-done", "dp-p", "dp-f", 10m), "job to finish");
        await GivenAsync(() => client.CreateJobAsync("dp-run", "dp-p", "dp-f", 10m), "job to leave running");
        await GivenAsync(() => client.CreateJobAsync("dp-wait", "dp-p", "dp-f", 10m), "job to leave queued");
        await (await client.DispatchAsync("dp-p")).ExpectAsync(HttpStatusCode.OK, "start dp-done");
        await (await client.SetStatusAsync("dp-done", "Done")).ExpectAsync(HttpStatusCode.OK, "finish dp-done");
        await (await client.DispatchAsync("dp-p")).ExpectAsync(HttpStatusCode.OK, "start dp-run");

        using (var refused = await Client(Follower1).DeleteAsync("/api/v1/printers/dp-p"))
        {
            await ExpectProblemAsync(refused, HttpStatusCode.Conflict, "printer_has_open_jobs", "DELETE with a Running and a Queued job");
        }

        await (await client.SetStatusAsync("dp-run", "Canceled")).ExpectAsync(HttpStatusCode.OK, "cancel the running job");
        using (var stillQueued = await Client(Leader).DeleteAsync("/api/v1/printers/dp-p"))
        {
            await ExpectProblemAsync(stillQueued, HttpStatusCode.Conflict, "printer_has_open_jobs", "DELETE with a Queued job");
        }

        await (await client.SetStatusAsync("dp-wait", "Cancelled")).ExpectAsync(HttpStatusCode.OK, "cancel the queued job");
        using (var deleted = await Client(Follower1).DeleteAsync("/api/v1/printers/dp-p"))
        {
            await deleted.ExpectAsync(HttpStatusCode.NoContent, "DELETE once no job is open");
        }

        using (var repeated = await Client(Leader).DeleteAsync("/api/v1/printers/dp-p"))
        {
            await repeated.ExpectAsync(HttpStatusCode.NoContent, "DELETE repeated");
        }

        await GivenAsync(() => Client(Follower2).CreateUnassignedJobAsync("dp-late", "dp-f", 1m), "a job to assign to the deleted printer");

        using (var assign = await Client(Follower2).AssignAsync("dp-late", "dp-p"))
        {
            await ExpectProblemAsync(assign, HttpStatusCode.Conflict, "unknown_reference", "assign to a deleted printer");
        }

        await WaitForAllNodesToApplyAsync();
        foreach (var node in NodeIds)
        {
            using var gone = await Client(node).GetAsync(FarmApi.Local("/api/v1/printers/dp-p"));
            await ExpectProblemAsync(gone, HttpStatusCode.NotFound, "not_found", $"{node}: GET of the deleted printer");
            var printers = IdsOf(await Client(node).GetJsonAsync(FarmApi.Local("/api/v1/printers")));
            var pastJobs = await Client(node).GetJsonAsync(FarmApi.Local("/api/v1/print_jobs?filament_id=dp-f"));
            Assert.Multiple(() =>
            {
                Assert.That(printers, Does.Not.Contain("dp-p").And.Contain("dp-other"), $"{node}: the printer list");
                foreach (var past in pastJobs.EnumerateArray().Where(j => j.GetProperty("id").GetString() != "dp-late"))
                {
                    Assert.That(Text(past, "printer_id"), Is.EqualTo("dp-p"), $"{node}: printer_id of {past.GetProperty("id")}");
                }

                Assert.That(pastJobs.EnumerateArray().Select(j => j.GetProperty("status").GetString()), Is.EquivalentTo(new[] { "Done", "Canceled", "Canceled", "Queued" }), $"{node}: the spool's jobs");
            });
        }
    }

    [Test]
    public async Task Deleting_a_spool_archives_it_hidden_from_the_list_and_closed_to_new_jobs()
    {
        var client = Client(Follower1);
        await GivenAsync(() => client.CreatePrinterAsync("af-p"), "printer");
        await GivenAsync(() => client.CreateFilamentAsync("af-f", 1000m), "spool to archive");
        await GivenAsync(() => client.CreateFilamentAsync("af-keep", 1000m), "spool to keep");
        await GivenAsync(() => client.CreateJobAsync("af-j", "af-p", "af-f", 10m), "open job");

        using (var refused = await Client(Follower2).DeleteAsync("/api/v1/filaments/af-f"))
        {
            await ExpectProblemAsync(refused, HttpStatusCode.Conflict, "filament_has_open_jobs", "DELETE of a spool with a Queued job");
        }

        await (await client.SetStatusAsync("af-j", "Canceled")).ExpectAsync(HttpStatusCode.OK, "cancel the job");
        using (var archived = await Client(Follower2).DeleteAsync("/api/v1/filaments/af-f"))
        {
            await archived.ExpectAsync(HttpStatusCode.NoContent, "DELETE once no job is open");
        }

        using (var newJob = await Client(Leader).CreateJobAsync("af-j2", "af-p", "af-f", 10m))
        {
            await ExpectProblemAsync(newJob, HttpStatusCode.Conflict, "filament_archived", "a new job on the archived spool");
        }

        await WaitForAllNodesToApplyAsync();
        foreach (var node in NodeIds)
        {
            var spool = await Client(node).GetJsonAsync(FarmApi.Local("/api/v1/filaments/af-f"));
            var visible = IdsOf(await Client(node).GetJsonAsync(FarmApi.Local("/api/v1/filaments")));
            var all = IdsOf(await Client(node).GetJsonAsync(FarmApi.Local("/api/v1/filaments?include_archived=true")));
            Assert.Multiple(() =>
            {
                Assert.That(spool.GetProperty("archived").GetBoolean(), Is.True, $"{node}: archived");
                Assert.That(Text(spool, "archived_at"), Is.Not.Null, $"{node}: archived_at");
                Assert.That(visible, Does.Not.Contain("af-f").And.Contain("af-keep"), $"{node}: the default spool list");
                Assert.That(all, Does.Contain("af-f").And.Contain("af-keep"), $"{node}: the list with include_archived=true");
            });
        }
    }

    [Test]
    public async Task A_job_without_a_printer_waits_unassigned_until_assigned()
    {
        await GivenAsync(() => Client(Leader).CreatePrinterAsync("ua-p"), "printer");
        await GivenAsync(() => Client(Leader).CreateFilamentAsync("ua-f", 1000m), "filament");
        await GivenAsync(() => Client(Leader).CreateJobAsync("ua-first", "ua-p", "ua-f", 1m), "a job already in ua-p's queue");
        using var created = await Client(Follower1).CreateUnassignedJobAsync("ua-j", "ua-f", 10m);
        var job = await ExpectEntityAsync(created, HttpStatusCode.Created, "job without printer_id");
        Assert.That(Text(job, "printer_id"), Is.Null, "printer_id of an unassigned job");

        using (var start = await Client(Follower2).SetStatusAsync("ua-j", "Running"))
        {
            await ExpectProblemAsync(start, HttpStatusCode.Conflict, "job_unassigned", "status Running without a printer");
        }

        await WaitForAllNodesToApplyAsync();
        foreach (var (node, list) in await ListOnEveryNodeAsync("/api/v1/print_jobs?unassigned=true"))
        {
            Assert.That(IdsOf(list), Does.Contain("ua-j").And.Not.Contain("ua-first"), $"{node}: ?unassigned=true");
        }

        using var assigned = await Client(Follower2).AssignAsync("ua-j", "ua-p");
        var placed = await ExpectEntityAsync(assigned, HttpStatusCode.OK, "assign");
        using var same = await Client(Follower1).AssignAsync("ua-j", "ua-p");
        var repeated = await ExpectEntityAsync(same, HttpStatusCode.OK, "assign to the same printer again");
        Assert.Multiple(() =>
        {
            Assert.That(Text(placed, "printer_id"), Is.EqualTo("ua-p"));
            Assert.That(placed.GetProperty("queue_position").GetInt32(), Is.EqualTo(2), "the tail of ua-p's queue");
            Assert.That(repeated.GetProperty("queue_position").GetInt32(), Is.EqualTo(2), "the same printer again keeps the position");
            Assert.That(VersionOf(repeated), Is.EqualTo(VersionOf(placed)), "the same printer again is a no-op");
        });

        foreach (var (node, view) in await OnEveryNodeAsync("/api/v1/print_jobs/ua-j", VersionOf(placed)))
        {
            Assert.That((Text(view, "printer_id"), view.GetProperty("queue_position").GetInt32()), Is.EqualTo(("ua-p", 2)), node);
        }

        await WaitForAllNodesToApplyAsync();
        foreach (var (node, list) in await ListOnEveryNodeAsync("/api/v1/print_jobs?unassigned=true"))
        {
            Assert.That(IdsOf(list), Does.Not.Contain("ua-j"), $"{node}: ?unassigned=true after the assign");
        }

        // Once it starts it belongs to its printer; once the queue is drained, dispatch has nothing to start.
        await (await Client(Leader).DispatchAsync("ua-p")).ExpectAsync(HttpStatusCode.OK, "dispatch ua-first");
        await (await Client(Leader).SetStatusAsync("ua-first", "Done")).ExpectAsync(HttpStatusCode.OK, "finish ua-first");
        using var second = await Client(Leader).DispatchAsync("ua-p");
        Assert.That((await ExpectEntityAsync(second, HttpStatusCode.OK, "dispatch the assigned job")).GetProperty("id").GetString(), Is.EqualTo("ua-j"));
        using var moved = await Client(Follower1).AssignAsync("ua-j", "ua-p");
        await ExpectProblemAsync(moved, HttpStatusCode.Conflict, "job_not_queued", "assign of a Running job");
        await (await Client(Follower2).SetStatusAsync("ua-j", "Done")).ExpectAsync(HttpStatusCode.OK, "finish ua-j");
        using var nothingLeft = await Client(Follower2).DispatchAsync("ua-p");
        await ExpectProblemAsync(nothingLeft, HttpStatusCode.Conflict, "queue_empty", "dispatch of an empty queue");
    }

    [Test]
    public async Task The_printer_list_filters_by_state_on_every_node()
    {
        var client = Client(Follower2);
        await GivenAsync(() => client.CreateFilamentAsync("st-f", 1000m), "filament");
        foreach (var printer in new[] { "st-idle", "st-printing", "st-maintenance" })
        {
            await GivenAsync(() => client.CreatePrinterAsync(printer), printer);
        }

        await GivenAsync(() => client.CreateJobAsync("st-j", "st-printing", "st-f", 1m), "job");
        await (await client.DispatchAsync("st-printing")).ExpectAsync(HttpStatusCode.OK, "dispatch");
        await (await client.StartMaintenanceAsync("st-maintenance")).ExpectAsync(HttpStatusCode.OK, "maintenance");

        await WaitForAllNodesToApplyAsync();
        foreach (var node in NodeIds)
        {
            var byState = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var state in new[] { "Idle", "Printing", "Maintenance" })
            {
                var list = await Client(node).GetJsonAsync(FarmApi.Local($"/api/v1/printers?state={state}"));
                Assert.That(list.EnumerateArray().Select(p => p.GetProperty("state").GetString()), Is.All.EqualTo(state), $"{node}: every printer in ?state={state}");
                byState[state] = [.. IdsOf(list).Where(id => id.StartsWith("st-", StringComparison.Ordinal))];
            }

            Assert.Multiple(() =>
            {
                Assert.That(byState["Idle"], Is.EqualTo(new[] { "st-idle" }), $"{node}: ?state=Idle");
                Assert.That(byState["Printing"], Is.EqualTo(new[] { "st-printing" }), $"{node}: ?state=Printing");
                Assert.That(byState["Maintenance"], Is.EqualTo(new[] { "st-maintenance" }), $"{node}: ?state=Maintenance");
            });
        }
    }
}
