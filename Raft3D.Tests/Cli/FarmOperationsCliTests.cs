using System.Globalization;
using System.Text.Json;
using Raft3D.Cli;

namespace Raft3D.Tests.Cli;

/// <summary>
/// The farm-operation commands (maintenance, dispatch, assign, progress, edits, delete and archive, --if-match)
/// run in-process against a real three-node cluster, as an operator's script would run them.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class FarmOperationsCliTests : CliClusterFixture
{
    [Test]
    public async Task A_printer_in_maintenance_refuses_dispatch_and_once_back_dispatch_starts_the_head_of_its_queue()
    {
        await SucceedsAsync("printers", "add", "--company", "Prusa", "--model", "MK4", "--id", "mt-p");
        await SucceedsAsync("filaments", "add", "--type", "PLA", "--color", "Red", "--total", "1000", "--id", "mt-f");
        await SucceedsAsync("jobs", "add", "--printer", "mt-p", "--filament", "mt-f", "--file", "first.gcode", "--grams", "100", "--id", "mt-j1");
        await SucceedsAsync("jobs", "add", "--printer", "mt-p", "--filament", "mt-f", "--file", "second.gcode", "--grams", "100", "--id", "mt-j2");

        var on = await SucceedsAsync("printers", "maintenance", "on", "mt-p");
        var refused = await RunAsync("printers", "dispatch", "mt-p");
        var inMaintenance = await SucceedsAsync("printers", "list", "--state", "Maintenance");
        var off = await SucceedsAsync("printers", "maintenance", "off", "mt-p");
        var dispatched = await SucceedsAsync("printers", "dispatch", "mt-p");
        var printer = await SucceedsAsync("printers", "get", "mt-p");
        var next = (await SucceedsAsync("jobs", "get", "mt-j2", "-o", "json")).Json;

        Assert.Multiple(() =>
        {
            Assert.That(on.Row("mt-p"), Does.Contain("Maintenance"));
            Assert.That(refused.Exit, Is.EqualTo(ExitCodes.Rejected), refused.ToString());
            Assert.That(refused.Error.Trim(), Does.StartWith("printer_in_maintenance: ").And.Contain("mt-p").And.Contain("maintenance").And.Not.Contain('\n'));
            Assert.That(refused.Output, Is.Empty, "nothing partial on stdout");
            Assert.That(inMaintenance.Output, Does.Contain("mt-p"));
            Assert.That(off.Row("mt-p"), Does.Contain("Idle"));
            Assert.That(dispatched.Row("mt-j1"), Does.Contain("Running"), "the head of the queue starts, not the second job");
            Assert.That(dispatched.Output, Does.Not.Contain("mt-j2"));
            Assert.That(printer.Lines[0], Does.Match("^ID +COMPANY +MODEL +STATE +CURRENT_JOB +QUEUED +VERSION$"), "the old columns first, the new ones after them");
            Assert.That(printer.Row("mt-p"), Does.Match(@"^mt-p +Prusa +MK4 +Printing +mt-j1 +1 +\d+$"));
            Assert.That(next.GetProperty("queue_position").GetInt32(), Is.EqualTo(1), "the second job is now next");
        });
    }

    [Test]
    public async Task A_job_created_without_a_printer_is_listed_as_unassigned_until_it_is_assigned()
    {
        await SucceedsAsync("printers", "add", "--company", "Bambu", "--model", "X1C", "--id", "as-p");
        await SucceedsAsync("filaments", "add", "--type", "PETG", "--color", "Blue", "--total", "500", "--id", "as-f");
        await SucceedsAsync("jobs", "add", "--printer", "as-p", "--filament", "as-f", "--file", "assigned.gcode", "--grams", "10", "--id", "as-j0");
        var created = await SucceedsAsync("jobs", "create", "--filament", "as-f", "--file", "vase.gcode", "--grams", "50", "--id", "as-j1");
        var before = (await SucceedsAsync("jobs", "list", "--unassigned", "-o", "json")).Json;

        var assigned = await SucceedsAsync("jobs", "assign", "as-j1", "--printer", "as-p", "-o", "json");
        var after = (await SucceedsAsync("jobs", "list", "--unassigned", "-o", "json")).Json;
        var unknown = await RunAsync("jobs", "assign", "as-j0", "--printer", "as-nope");

        var ids = (JsonElement list) => list.EnumerateArray().Select(j => j.GetProperty("id").GetString()).ToList();
        var job = assigned.Json;
        Assert.Multiple(() =>
        {
            Assert.That(created.Row("as-j1"), Does.Match(@"^as-j1 +Queued +- +as-f +50 +vase\.gcode +1 +0% +\d+ +-$"), "no printer (and no actual weight yet) shows as '-'");
            Assert.That(ids(before), Does.Contain("as-j1").And.Not.Contain("as-j0"));
            Assert.That(before.EnumerateArray().All(j => j.GetProperty("printer_id").ValueKind == JsonValueKind.Null), Is.True, "only jobs with no printer");
            Assert.That(job.GetProperty("printer_id").GetString(), Is.EqualTo("as-p"));
            Assert.That(job.GetProperty("queue_position").GetInt32(), Is.EqualTo(2), "behind as-j0, at the tail");
            Assert.That(ids(after), Does.Not.Contain("as-j1"));
            Assert.That(unknown.Exit, Is.EqualTo(ExitCodes.Rejected), unknown.ToString());
            Assert.That(unknown.Error, Does.StartWith("unknown_reference: "));
        });
    }

    [Test]
    public async Task Progress_is_reported_on_a_running_job_and_never_goes_back()
    {
        await SucceedsAsync("printers", "add", "--company", "Creality", "--model", "K1", "--id", "pg-p");
        await SucceedsAsync("filaments", "add", "--type", "ABS", "--color", "Black", "--total", "500", "--id", "pg-f");
        await SucceedsAsync("jobs", "add", "--printer", "pg-p", "--filament", "pg-f", "--file", "gear.gcode", "--grams", "20", "--id", "pg-j");
        var notRunning = await RunAsync("jobs", "progress", "pg-j", "10");
        await SucceedsAsync("jobs", "start", "pg-j");

        var forty = await SucceedsAsync("jobs", "progress", "pg-j", "40");
        var late = (await SucceedsAsync("jobs", "progress", "pg-j", "30", "-o", "json")).Json;
        var outOfRange = await RunAsync("jobs", "progress", "pg-j", "101");

        Assert.Multiple(() =>
        {
            Assert.That(notRunning.Exit, Is.EqualTo(ExitCodes.Rejected), notRunning.ToString());
            Assert.That(notRunning.Error, Does.StartWith("job_not_running: "));
            Assert.That(forty.Row("pg-j"), Does.Contain("Running").And.Contain(" 40% "));
            Assert.That(late.GetProperty("progress_percent").GetInt32(), Is.EqualTo(40), "a late, lower report changes nothing");
            Assert.That(outOfRange.Exit, Is.EqualTo(ExitCodes.InvalidInput), outOfRange.ToString());
            Assert.That(outOfRange.Error, Does.StartWith("validation_failed: "));
        });
    }

    [Test]
    public async Task An_edit_with_a_stale_if_match_writes_nothing_and_exits_with_the_version_mismatch_code()
    {
        var created = (await SucceedsAsync("printers", "add", "--company", "Prusa", "--model", "MK3", "--id", "im-p", "-o", "json")).Json;
        var read = created.GetProperty("version").GetInt64().ToString(CultureInfo.InvariantCulture);

        var first = (await SucceedsAsync("printers", "edit", "im-p", "--model", "MK3S", "--if-match", read, "-o", "json")).Json;
        var stale = await RunAsync("printers", "edit", "im-p", "--company", "Someone", "--if-match", read);
        var unconditional = await SucceedsAsync("printers", "edit", "im-p", "--model", "MK4");
        var nothing = await RunAsync("printers", "edit", "im-p");
        var now = (await SucceedsAsync("printers", "get", "im-p", "-o", "json")).Json;

        Assert.Multiple(() =>
        {
            Assert.That(first.GetProperty("model").GetString(), Is.EqualTo("MK3S"));
            Assert.That(first.GetProperty("version").GetInt64(), Is.GreaterThan(long.Parse(read, CultureInfo.InvariantCulture)));
            Assert.That(stale.Exit, Is.EqualTo(ExitCodes.VersionMismatch), stale.ToString());
            Assert.That(stale.Error.Trim(), Does.StartWith("version_mismatch: ").And.Contain($"not {read}").And.Not.Contain('\n'));
            Assert.That(stale.Output, Is.Empty);
            Assert.That(unconditional.Row("im-p"), Does.Contain("MK4"), "without --if-match the write applies as before");
            Assert.That(nothing.Exit, Is.EqualTo(ExitCodes.InvalidInput), nothing.ToString());
            Assert.That(now.GetProperty("company").GetString(), Is.EqualTo("Prusa"), "the stale edit wrote nothing");
        });
    }

    [Test]
    public async Task An_archived_spool_leaves_the_list_stays_readable_and_takes_no_new_job()
    {
        await SucceedsAsync("printers", "add", "--company", "Prusa", "--model", "XL", "--id", "ar-p");
        await SucceedsAsync("filaments", "add", "--type", "TPU", "--color", "White", "--total", "300", "--id", "ar-f");
        await SucceedsAsync("jobs", "add", "--printer", "ar-p", "--filament", "ar-f", "--file", "flex.gcode", "--grams", "30", "--id", "ar-j");
        var held = await RunAsync("filaments", "archive", "ar-f");
        await SucceedsAsync("jobs", "cancel", "ar-j");

        var edited = await SucceedsAsync("filaments", "edit", "ar-f", "--color", "Ivory");
        var archived = await SucceedsAsync("filaments", "archive", "ar-f");
        var again = await SucceedsAsync("filaments", "archive", "ar-f", "-o", "json");
        var listed = await SucceedsAsync("filaments", "list");
        var all = await SucceedsAsync("filaments", "list", "--include-archived");
        var spool = (await SucceedsAsync("filaments", "get", "ar-f", "-o", "json")).Json;
        var tpu = (await SucceedsAsync("filaments", "list", "--include-archived", "--type", "tpu", "-o", "json")).Json;
        var api = await Cluster.Client(Cluster.Nodes[0].Id).GetStringAsync("/api/v1/filaments/ar-f");
        var refused = await RunAsync("jobs", "add", "--printer", "ar-p", "--filament", "ar-f", "--file", "late.gcode", "--grams", "1");

        Assert.Multiple(() =>
        {
            Assert.That(held.Exit, Is.EqualTo(ExitCodes.Rejected), held.ToString());
            Assert.That(held.Error, Does.StartWith("filament_has_open_jobs: "));
            Assert.That(edited.Row("ar-f"), Does.Contain("Ivory"));
            Assert.That(archived.Output.Trim(), Is.EqualTo("filament ar-f archived"));
            Assert.That(again.Output, Is.Empty, "a 204 has no JSON to print");
            Assert.That(listed.Output, Does.Not.Contain("ar-f"));
            Assert.That(all.Row("ar-f"), Does.Match(@"^ar-f +TPU +Ivory +300 +300 +yes +\d+ +0 +300 +no$"), "the stock columns after the old ones");
            Assert.That(spool.GetProperty("archived").GetBoolean(), Is.True);
            Assert.That(tpu.EnumerateArray().Select(f => f.GetRawText()), Has.Member(api), "filtered here, still the API's own JSON");
            Assert.That(refused.Exit, Is.EqualTo(ExitCodes.Rejected), refused.ToString());
            Assert.That(refused.Error, Does.StartWith("filament_archived: "));
        });
    }

    [Test]
    public async Task A_queued_job_is_edited_and_a_printer_is_deleted_once_it_has_no_open_job()
    {
        await SucceedsAsync("printers", "add", "--company", "Voron", "--model", "2.4", "--id", "dl-p");
        await SucceedsAsync("filaments", "add", "--type", "PLA", "--color", "Green", "--total", "200", "--id", "dl-f");
        var job = (await SucceedsAsync("jobs", "add", "--printer", "dl-p", "--filament", "dl-f", "--file", "a.gcode", "--grams", "50", "--id", "dl-j", "-o", "json")).Json;
        var version = job.GetProperty("version").GetInt64().ToString(CultureInfo.InvariantCulture);

        var edited = (await SucceedsAsync("jobs", "edit", "dl-j", "--filepath", "b.gcode", "--weight", "60", "--if-match", version, "-o", "json")).Json;
        var tooHeavy = await RunAsync("jobs", "edit", "dl-j", "--grams", "500");
        var busy = await RunAsync("printers", "delete", "dl-p");
        await SucceedsAsync("jobs", "cancel", "dl-j");
        var deleted = await SucceedsAsync("printers", "delete", "dl-p");
        var gone = await RunAsync("printers", "get", "dl-p");

        Assert.Multiple(() =>
        {
            Assert.That(edited.GetProperty("filepath").GetString(), Is.EqualTo("b.gcode"));
            Assert.That(edited.GetProperty("print_weight_in_grams").GetDecimal(), Is.EqualTo(60m));
            Assert.That(tooHeavy.Exit, Is.EqualTo(ExitCodes.Rejected), tooHeavy.ToString());
            Assert.That(tooHeavy.Error, Does.StartWith("insufficient_filament: "));
            Assert.That(busy.Exit, Is.EqualTo(ExitCodes.Rejected), busy.ToString());
            Assert.That(busy.Error, Does.StartWith("printer_has_open_jobs: "));
            Assert.That(deleted.Output.Trim(), Is.EqualTo("printer dl-p deleted"));
            Assert.That(gone.Exit, Is.EqualTo(ExitCodes.NotFound), gone.ToString());
        });
    }
}
