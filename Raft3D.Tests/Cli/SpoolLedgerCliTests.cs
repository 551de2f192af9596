using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Raft3D.Cli;

namespace Raft3D.Tests.Cli;

/// <summary>
/// The spool-ledger and stock commands (adjust, measure, ledger, verify, low stock, stock, export, job history,
/// actual weight) run in-process against a real three-node cluster, as an operator's script would run them.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class SpoolLedgerCliTests : CliClusterFixture
{
    [Test]
    public async Task Adjustments_and_scale_readings_are_ledger_entries_that_sum_to_what_remains_and_verify_agrees()
    {
        await SucceedsAsync("filaments", "create", "--type", "PLA", "--color", "Red", "--total", "1000", "--id", "lg-f", "--spool-weight", "250");
        var adjusted = await SucceedsAsync("filaments", "adjust", "lg-f", "--grams", "-12.5", "--reason", "spilled");
        var measured = await SucceedsAsync("filaments", "measure", "lg-f", "--gross", "1200");
        var remeasured = (await SucceedsAsync("filaments", "measure", "lg-f", "--gross", "1100", "--spool-weight", "200", "--reason", "new scale", "-o", "json")).Json;
        var ledger = await SucceedsAsync("filaments", "ledger", "lg-f");
        var entries = (await SucceedsAsync("filaments", "ledger", "lg-f", "-o", "json")).Json;
        var verified = await SucceedsAsync("filaments", "verify", "lg-f");
        var verifiedJson = (await SucceedsAsync("filaments", "verify", "lg-f", "-o", "json")).Json;
        var tooMuch = await RunAsync("filaments", "adjust", "lg-f", "--grams", "5000");
        await SucceedsAsync("filaments", "add", "--type", "PLA", "--color", "Red", "--total", "1000", "--id", "lg-nospool");
        var noSpool = await RunAsync("filaments", "measure", "lg-nospool", "--gross", "900");

        Assert.Multiple(() =>
        {
            Assert.That(adjusted.Row("lg-f"), Does.Match(@"^lg-f +PLA +Red +1000 +987\.5 +no +\d+ +0 +987\.5 +no$"));
            Assert.That(measured.Row("lg-f"), Does.Contain(" 950 "), "1200 gross minus the stored 250 g spool");
            Assert.That(remeasured.GetProperty("remaining_weight_in_grams").GetDecimal(), Is.EqualTo(900m), "1100 minus the 200 g given for this reading");
            Assert.That(ledger.Lines[0], Does.Match("^SEQ +KIND +GRAMS +REMAINING_G +JOB +INDEX +AT +REASON$"));
            Assert.That(ledger.Row("0"), Does.Match(@"^0 +initial +\+1000 +1000 +- +\d+ +\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z +-$"));
            Assert.That(ledger.Row("1"), Does.Match(@"^1 +adjust +-12\.5 +987\.5 +- +\d+ +\S+ +spilled$"));
            Assert.That(ledger.Row("3"), Does.Match(@"^3 +measure +-50 +900 +- +\d+ +\S+ +new scale$"));
            Assert.That(ledger.Lines.Skip(1).Select(l => l.Split(' ')[0]), Is.EqualTo(new[] { "3", "2", "1", "0" }), "newest first");
            Assert.That(entries.EnumerateArray().Sum(e => e.GetProperty("grams").GetDecimal()), Is.EqualTo(900m), "the entries sum to what remains");
            Assert.That(verified.Row("lg-f"), Does.Match(@"^lg-f +yes +\d+ +900 +900 +0 +0 +4$"));
            Assert.That(verifiedJson.GetProperty("ok").GetBoolean(), Is.True);
            Assert.That(verifiedJson.GetProperty("problems").GetArrayLength(), Is.Zero);
            Assert.That(tooMuch.Exit, Is.EqualTo(ExitCodes.Rejected), tooMuch.ToString());
            Assert.That(tooMuch.Error, Does.StartWith("weight_out_of_range: "));
            Assert.That(noSpool.Exit, Is.EqualTo(ExitCodes.Rejected), noSpool.ToString());
            Assert.That(noSpool.Error, Does.StartWith("spool_weight_unknown: "));
        });
    }

    [Test]
    public async Task The_ledger_shows_the_newest_entries_and_all_walks_every_page_back_to_the_first()
    {
        await SucceedsAsync("filaments", "add", "--type", "PETG", "--color", "Grey", "--total", "1000", "--remaining", "900", "--id", "pg-lf");
        for (var i = 1; i <= 5; i++)
        {
            await SucceedsAsync("filaments", "adjust", "pg-lf", "--grams", "1");
        }

        var newest = await SucceedsAsync("filaments", "ledger", "pg-lf", "--limit", "2");
        var all = (await SucceedsAsync("filaments", "ledger", "pg-lf", "--limit", "2", "--all", "-o", "json")).Json;
        var unpaged = await SucceedsAsync("filaments", "ledger", "pg-lf", "--limit", "1000", "-o", "json");
        using var client = Cluster.ApiClient(Cluster.Nodes[1].Id);
        var walked = await client.AllPagesAsync(await client.ListLedgerAsync("pg-lf", limit: 4));
        var unknown = await RunAsync("filaments", "ledger", "pg-nope");

        Assert.Multiple(() =>
        {
            Assert.That(newest.Lines.Skip(1).Select(l => l.Split(' ')[0]), Is.EqualTo(new[] { "5", "4" }));
            Assert.That(newest.Error.Trim(), Is.EqualTo("note: the newest 2 of 6 entries; --all for every one"));
            Assert.That(all.EnumerateArray().Select(e => e.GetProperty("sequence").GetInt32()), Is.EqualTo(new[] { 5, 4, 3, 2, 1, 0 }));
            Assert.That(all.GetRawText(), Is.EqualTo(unpaged.Json.GetRawText()), "the pages joined are the API's own JSON");
            Assert.That(unpaged.Error, Is.Empty, "no note when every entry is shown");
            Assert.That(walked.Value!.Select(e => e.Sequence), Is.EqualTo(new[] { 5, 4, 3, 2, 1, 0 }));
            Assert.That(walked.Value!.Select(e => e.RemainingWeightInGrams), Is.EqualTo(new[] { 905m, 904m, 903m, 902m, 901m, 900m }));
            Assert.That(unknown.Exit, Is.EqualTo(ExitCodes.NotFound), unknown.ToString());
        });
    }

    [Test]
    public async Task A_job_done_with_its_actual_weight_consumes_that_and_its_history_shows_each_status()
    {
        await SucceedsAsync("printers", "add", "--company", "Prusa", "--model", "MK4", "--id", "aw-p");
        await SucceedsAsync("filaments", "add", "--type", "ABS", "--color", "Black", "--total", "1000", "--id", "aw-f");
        await SucceedsAsync("jobs", "add", "--printer", "aw-p", "--filament", "aw-f", "--file", "bracket.gcode", "--grams", "200", "--id", "aw-j1");
        await SucceedsAsync("jobs", "add", "--printer", "aw-p", "--filament", "aw-f", "--file", "clip.gcode", "--grams", "20", "--id", "aw-j2");
        await SucceedsAsync("jobs", "start", "aw-j1");
        var queuedHistory = await SucceedsAsync("jobs", "history", "aw-j2");

        var done = await SucceedsAsync("jobs", "status", "aw-j1", "Done", "--actual-weight", "187.2");
        var spool = (await SucceedsAsync("filaments", "get", "aw-f", "-o", "json")).Json;
        var consumed = (await SucceedsAsync("filaments", "ledger", "aw-f", "--limit", "1", "-o", "json")).Json[0];
        var history = await SucceedsAsync("jobs", "history", "aw-j1");
        var historyJson = (await SucceedsAsync("jobs", "history", "aw-j1", "-o", "json")).Json;
        var notDone = await RunAsync("jobs", "status", "aw-j2", "Canceled", "--actual-weight", "5");
        await SucceedsAsync("jobs", "start", "aw-j2");
        var shorthand = (await SucceedsAsync("jobs", "done", "aw-j2", "--actual-weight", "21.5", "-o", "json")).Json;

        var indexes = historyJson.EnumerateArray().Select(e => e.GetProperty("log_index").GetInt64()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(done.Row("aw-j1"), Does.Match(@"^aw-j1 +Done +aw-p +aw-f +200 +bracket\.gcode +- +100% +\d+ +187\.2$"));
            Assert.That(spool.GetProperty("remaining_weight_in_grams").GetDecimal(), Is.EqualTo(812.8m), "the actual 187.2 g left the spool, not the planned 200");
            Assert.That(consumed.GetProperty("kind").GetString(), Is.EqualTo("consume"));
            Assert.That(consumed.GetProperty("grams").GetDecimal(), Is.EqualTo(-187.2m));
            Assert.That(consumed.GetProperty("job_id").GetString(), Is.EqualTo("aw-j1"));
            Assert.That(queuedHistory.Lines.Skip(1).Select(l => l.Split(' ')[0]), Is.EqualTo(new[] { "Queued" }));
            Assert.That(history.Lines[0], Does.Match("^STATUS +AT +INDEX$"));
            Assert.That(history.Lines.Skip(1).Select(l => l.Split(' ')[0]), Is.EqualTo(new[] { "Queued", "Running", "Done" }));
            Assert.That(indexes, Is.Ordered.Ascending.And.All.GreaterThan(0L));
            Assert.That(notDone.Exit, Is.EqualTo(ExitCodes.InvalidInput), notDone.ToString());
            Assert.That(notDone.Error, Does.StartWith("validation_failed: "));
            Assert.That(shorthand.GetProperty("actual_weight_in_grams").GetDecimal(), Is.EqualTo(21.5m));
        });
    }

    [Test]
    public async Task Low_stock_spools_are_listed_alone_stock_sums_each_type_and_colour_and_thresholds_can_be_cleared()
    {
        await SucceedsAsync("filaments", "add", "--type", "TPU", "--color", "Teal", "--total", "1000", "--remaining", "200", "--low-stock-threshold", "300", "--id", "ls-low");
        await SucceedsAsync("filaments", "add", "--type", "TPU", "--color", "teal", "--total", "1000", "--id", "ls-full");
        await SucceedsAsync("jobs", "add", "--filament", "ls-full", "--file", "gasket.gcode", "--grams", "50", "--id", "ls-j");

        var low = (await SucceedsAsync("filaments", "list", "--low-stock", "-o", "json")).Json;
        var lowTable = await SucceedsAsync("filaments", "list", "--low-stock");
        var stock = (await SucceedsAsync("stock", "-o", "json")).Json;
        var stockTable = await SucceedsAsync("stock");
        var cleared = (await SucceedsAsync("filaments", "edit", "ls-low", "--clear-low-stock-threshold", "--spool-weight", "240", "-o", "json")).Json;
        var forgotten = (await SucceedsAsync("filaments", "edit", "ls-low", "--clear-spool-weight", "-o", "json")).Json;
        var nothing = await RunAsync("filaments", "edit", "ls-low");

        var ids = low.EnumerateArray().Select(f => f.GetProperty("id").GetString()).ToList();
        var teal = stock.EnumerateArray().Single(g => g.GetProperty("type").GetString() == "TPU" && g.GetProperty("color").GetString() == "Teal");
        Assert.Multiple(() =>
        {
            Assert.That(ids, Does.Contain("ls-low").And.Not.Contain("ls-full"));
            Assert.That(lowTable.Row("ls-low"), Does.Match(@"^ls-low +TPU +Teal +1000 +200 +no +\d+ +0 +200 +yes$"));
            Assert.That(teal.GetProperty("spools").GetInt32(), Is.EqualTo(2), "colours are grouped ignoring case");
            Assert.That(teal.GetProperty("remaining_weight_in_grams").GetDecimal(), Is.EqualTo(1200m));
            Assert.That(teal.GetProperty("reserved_weight_in_grams").GetDecimal(), Is.EqualTo(50m));
            Assert.That(teal.GetProperty("available_weight_in_grams").GetDecimal(), Is.EqualTo(1150m));
            Assert.That(teal.GetProperty("queued_demand_in_grams").GetDecimal(), Is.EqualTo(50m));
            Assert.That(teal.GetProperty("unassigned_demand_in_grams").GetDecimal(), Is.EqualTo(50m));
            Assert.That(teal.GetProperty("low_stock_threshold_in_grams").GetDecimal(), Is.EqualTo(400m), "300 of its own plus 10% of 1000");
            Assert.That(teal.GetProperty("low_stock").GetBoolean(), Is.False);
            Assert.That(stockTable.Lines[0], Does.Match("^TYPE +COLOR +SPOOLS +REMAINING_G +RESERVED_G +AVAILABLE_G +QUEUED_DEMAND_G +UNASSIGNED_DEMAND_G +THRESHOLD_G +LOW_STOCK$"));
            Assert.That(stockTable.Row("TPU"), Does.Match(@"^TPU +Teal +2 +1200 +50 +1150 +50 +50 +400 +no$"));
            Assert.That(cleared.GetProperty("low_stock_threshold_in_grams").GetDecimal(), Is.EqualTo(100m), "back to the default share");
            Assert.That(cleared.GetProperty("low_stock").GetBoolean(), Is.False);
            Assert.That(cleared.GetProperty("spool_weight_in_grams").GetDecimal(), Is.EqualTo(240m));
            Assert.That(forgotten.GetProperty("spool_weight_in_grams").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(forgotten.GetProperty("low_stock_threshold_in_grams").GetDecimal(), Is.EqualTo(100m), "left as it was");
            Assert.That(nothing.Exit, Is.EqualTo(ExitCodes.InvalidInput), nothing.ToString());
        });
    }

    [Test]
    public async Task Export_streams_each_kind_as_json_or_csv_to_stdout_or_into_a_file()
    {
        await SucceedsAsync("printers", "add", "--company", "Voron", "--model", "0.2", "--id", "ex-p");
        await SucceedsAsync("filaments", "add", "--type", "PLA", "--color", "Navy, dark", "--total", "500", "--id", "ex-f");
        await SucceedsAsync("jobs", "add", "--printer", "ex-p", "--filament", "ex-f", "--file", "fan \"duct\".gcode", "--grams", "30", "--id", "ex-j");
        await SucceedsAsync("filaments", "adjust", "ex-f", "--grams", "-5", "--reason", "purge, first layer");
        var target = Path.Combine(Path.GetTempPath(), $"raft3d-ledger-{Guid.NewGuid():N}.csv");

        try
        {
            var filaments = await SucceedsAsync("export");
            var jobs = await SucceedsAsync("export", "--kind", "print_jobs", "--format", "csv");
            var toFile = await SucceedsAsync("export", "--kind", "ledger", "--format", "csv", "--file", target);
            var ledgerJson = (await SucceedsAsync("export", "--kind", "ledger")).Json;
            var unknown = await RunAsync("export", "--kind", "printers");
            var csv = await File.ReadAllLinesAsync(target, Encoding.UTF8);

            var spool = filaments.Json.EnumerateArray().Single(f => f.GetProperty("id").GetString() == "ex-f");
            var api = JsonDocument.Parse(await Cluster.Client(Cluster.Nodes[2].Id).GetStringAsync("/api/v1/filaments/ex-f")).RootElement;
            Assert.Multiple(() =>
            {
                Assert.That(spool.GetRawText(), Is.EqualTo(api.GetRawText()), "the API's own object");
                Assert.That(jobs.Lines[0], Does.StartWith("id,"));
                Assert.That(jobs.Output, Does.Contain("\"fan \"\"duct\"\".gcode\""), "RFC 4180 quoting");
                Assert.That(toFile.Output, Is.Empty, "with --file nothing goes to stdout");
                Assert.That(toFile.Error.Trim(), Does.Match($@"^exported ledger at log index \d+ to {Regex.Escape(target)} \(\d+ bytes\)$"));
                Assert.That(File.Exists(target + ".partial"), Is.False);
                Assert.That(csv[0], Does.Contain("filament_id"));
                Assert.That(csv.Where(l => l.Contains("ex-f", StringComparison.Ordinal)), Has.Exactly(1).Contains("\"purge, first layer\""));
                Assert.That(ledgerJson.EnumerateArray().Count(e => e.GetProperty("filament_id").GetString() == "ex-f"), Is.EqualTo(2), "initial and adjust");
                Assert.That(unknown.Exit, Is.EqualTo(ExitCodes.InvalidInput), unknown.ToString());
            });
        }
        finally
        {
            File.Delete(target);
        }
    }

    [Test]
    public async Task The_client_export_names_its_log_index_and_file_and_writes_the_rows_as_of_that_index()
    {
        using var client = Cluster.ApiClient(Cluster.Nodes[0].Id);
        using var destination = new MemoryStream();

        var export = await client.ExportAsync("filaments", "csv", destination);

        var index = export.Value!.LogIndex;
        Assert.Multiple(() =>
        {
            Assert.That(export.IsSuccess, Is.True, export.RawJson);
            Assert.That(index, Is.GreaterThan(0));
            Assert.That(export.Value.ContentType, Is.EqualTo("text/csv"));
            Assert.That(export.Value.FileName, Is.EqualTo($"raft3d-filaments-{index?.ToString(CultureInfo.InvariantCulture)}.csv"));
            Assert.That(export.Value.Bytes, Is.EqualTo(destination.Length).And.GreaterThan(0));
        });
    }
}
