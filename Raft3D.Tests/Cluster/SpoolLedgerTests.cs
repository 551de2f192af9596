using System.Globalization;
using System.Net;
using System.Text.Json;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Cluster;

/// <summary>
/// The spool ledger through the API of a real cluster: corrections, their refusals, paging, a job's history,
/// the check that a spool adds up and every node holding the same entries; and what is read from it: stock,
/// low-stock spools, exports.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class SpoolLedgerTests : FarmOperationsFixture
{
    private const string IsoUtc = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$";

    [Test]
    public async Task Adjustments_and_measures_are_ledger_entries_that_sum_to_remaining_on_every_node()
    {
        await GivenAsync(() => Client(Follower1).CreateFilamentAsync("sl-f", 1000m), "spool sl-f");

        using var spilled = await Client(Follower2).AdjustAsync("sl-f", -12.5m, "spilled");
        var afterSpill = await ExpectEntityAsync(spilled, HttpStatusCode.OK, "adjust -12.5 through a follower");
        Assert.Multiple(() =>
        {
            Assert.That(afterSpill.GetProperty("remaining_weight_in_grams").GetDecimal(), Is.EqualTo(987.5m));
            Assert.That(spilled.ETagOf(), Is.EqualTo($"\"{VersionOf(afterSpill)}\""), "ETag of the adjustment");
        });

        using var found = await Client(Leader).AdjustAsync("sl-f", 2.5m, ifMatch: spilled.ETagOf());
        await ExpectEntityAsync(found, HttpStatusCode.OK, "adjust +2.5 with the current ETag");
        using var weighed = await Client(Follower1).MeasureAsync("sl-f", 1200m, spool: 250m, reason: "weekly weigh-in");
        Assert.That((await ExpectEntityAsync(weighed, HttpStatusCode.OK, "measure with the spool's weight")).GetProperty("remaining_weight_in_grams").GetDecimal(), Is.EqualTo(950m));
        using var patched = await Client(Follower2).MergePatchAsync("/api/v1/filaments/sl-f", new { spool_weight_in_grams = 250m });
        Assert.That((await ExpectEntityAsync(patched, HttpStatusCode.OK, "store the spool's weight")).GetProperty("spool_weight_in_grams").GetDecimal(), Is.EqualTo(250m));
        using var again = await Client(Follower2).MeasureAsync("sl-f", 1150m);
        var last = await ExpectEntityAsync(again, HttpStatusCode.OK, "measure with the stored spool weight");
        Assert.That(last.GetProperty("remaining_weight_in_grams").GetDecimal(), Is.EqualTo(900m));

        await OnEveryNodeAsync("/api/v1/filaments/sl-f", VersionOf(last));
        foreach (var node in NodeIds)
        {
            var ledger = await Client(node).LedgerAsync("sl-f");
            var entries = ledger.EnumerateArray().ToList();
            Assert.Multiple(() =>
            {
                Assert.That(entries.Select(e => e.GetProperty("kind").GetString()), Is.EqualTo(new[] { "measure", "measure", "adjust", "adjust", "initial" }), $"{node}: kinds, newest first");
                Assert.That(entries.Select(e => e.GetProperty("grams").GetDecimal()), Is.EqualTo(new[] { -50m, -40m, 2.5m, -12.5m, 1000m }), $"{node}: grams");
                Assert.That(entries.Select(e => e.GetProperty("remaining_weight_in_grams").GetDecimal()), Is.EqualTo(new[] { 900m, 950m, 990m, 987.5m, 1000m }), $"{node}: remaining after each");
                Assert.That(entries.Select(e => e.GetProperty("sequence").GetInt32()), Is.EqualTo(new[] { 4, 3, 2, 1, 0 }), $"{node}: sequences");
                Assert.That(entries.Select(e => Text(e, "reason")), Is.EqualTo(new[] { null, "weekly weigh-in", null, "spilled", null }), $"{node}: reasons");
                Assert.That(entries.Select(e => e.GetProperty("log_index").GetInt64()), Is.Ordered.Descending.And.All.GreaterThan(0), $"{node}: log indexes");
                Assert.That(entries.Select(e => e.GetProperty("at").GetString()), Has.All.Match(IsoUtc), $"{node}: leader-stamped times");
                Assert.That(entries.Sum(e => e.GetProperty("grams").GetDecimal()), Is.EqualTo(900m), $"{node}: the ledger sums to remaining");
            });

            var verified = await Client(node).GetJsonAsync(FarmApi.Local("/api/v1/filaments/sl-f/verify"));
            Assert.Multiple(() =>
            {
                Assert.That(verified.GetProperty("ok").GetBoolean(), Is.True, $"{node}: {verified}");
                Assert.That(verified.GetProperty("filament_id").GetString(), Is.EqualTo("sl-f"));
                Assert.That(verified.GetProperty("remaining_weight_in_grams").GetDecimal(), Is.EqualTo(900m));
                Assert.That(verified.GetProperty("ledger_remaining_weight_in_grams").GetDecimal(), Is.EqualTo(900m));
                Assert.That(verified.GetProperty("reserved_weight_in_grams").GetDecimal(), Is.Zero);
                Assert.That(verified.GetProperty("jobs_reserved_weight_in_grams").GetDecimal(), Is.Zero);
                Assert.That(verified.GetProperty("entries").GetInt32(), Is.EqualTo(5));
                Assert.That(verified.GetProperty("log_index").GetInt64(), Is.GreaterThanOrEqualTo(VersionOf(last)));
                Assert.That(verified.GetProperty("problems").GetArrayLength(), Is.Zero);
            });
        }
    }

    [Test]
    public async Task Every_refused_correction_has_its_code_and_writes_nothing()
    {
        await GivenAsync(() => Client(Leader).CreateFilamentAsync("sl-r", 1000m), "spool sl-r");
        using var read = await Client(Leader).GetAsync("/api/v1/filaments/sl-r");
        var etag = read.ETagOf();
        var stale = $"\"{VersionOf(await read.JsonAsync()) - 1}\"";

        var refusals = new (string What, Func<Task<HttpResponseMessage>> Send, HttpStatusCode Status, string Code)[]
        {
            ("adjust an unknown spool", () => Client(Follower1).AdjustAsync("sl-none", -1m), HttpStatusCode.NotFound, "not_found"),
            ("measure an unknown spool", () => Client(Follower1).MeasureAsync("sl-none", 100m, 10m), HttpStatusCode.NotFound, "not_found"),
            ("the ledger of an unknown spool", () => Client(Follower1).GetAsync("/api/v1/filaments/sl-none/ledger"), HttpStatusCode.NotFound, "not_found"),
            ("verify an unknown spool", () => Client(Follower1).GetAsync("/api/v1/filaments/sl-none/verify"), HttpStatusCode.NotFound, "not_found"),
            ("the history of an unknown job", () => Client(Follower1).GetAsync("/api/v1/print_jobs/sl-none/history"), HttpStatusCode.NotFound, "not_found"),
            ("adjust without grams", () => Client(Follower2).SendAsync(HttpMethod.Post, "/api/v1/filaments/sl-r/adjustments", new { reason = "none" }, null, null), HttpStatusCode.BadRequest, "validation_failed"),
            ("adjust by 0 g", () => Client(Follower2).AdjustAsync("sl-r", 0m), HttpStatusCode.BadRequest, "validation_failed"),
            ("adjust with a 501-character reason", () => Client(Follower2).AdjustAsync("sl-r", -1m, new string('x', 501)), HttpStatusCode.BadRequest, "validation_failed"),
            ("adjust with an unknown field", () => Client(Follower2).SendAsync(HttpMethod.Post, "/api/v1/filaments/sl-r/adjustments", new { grams = -1m, remaining_weight_in_grams = 5m }, null, null), HttpStatusCode.BadRequest, "validation_failed"),
            ("adjust with no body", () => Client(Follower2).SendAsync(HttpMethod.Post, "/api/v1/filaments/sl-r/adjustments", "", null, null), HttpStatusCode.BadRequest, "validation_failed"),
            ("adjust with grams that are no number", () => Client(Follower2).SendAsync(HttpMethod.Post, "/api/v1/filaments/sl-r/adjustments", "{\"grams\":\"some\"}", null, null), HttpStatusCode.BadRequest, "validation_failed"),
            ("adjust below 0", () => Client(Follower1).AdjustAsync("sl-r", -1000.001m), HttpStatusCode.Conflict, "weight_out_of_range"),
            ("adjust above total", () => Client(Follower1).AdjustAsync("sl-r", 0.5m), HttpStatusCode.Conflict, "weight_out_of_range"),
            ("adjust with a stale If-Match", () => Client(Follower1).AdjustAsync("sl-r", -1m, ifMatch: stale), HttpStatusCode.PreconditionFailed, "version_mismatch"),
            ("adjust with a malformed If-Match", () => Client(Follower1).AdjustAsync("sl-r", -1m, ifMatch: "one"), HttpStatusCode.BadRequest, "validation_failed"),
            ("measure without a gross weight", () => Client(Follower2).SendAsync(HttpMethod.Post, "/api/v1/filaments/sl-r/measure", new { spool_weight_in_grams = 200m }, null, null), HttpStatusCode.BadRequest, "validation_failed"),
            ("measure a negative gross weight", () => Client(Follower2).MeasureAsync("sl-r", -1m, 200m), HttpStatusCode.BadRequest, "validation_failed"),
            ("measure with an unknown field", () => Client(Follower2).SendAsync(HttpMethod.Post, "/api/v1/filaments/sl-r/measure", new { gross_weight_in_grams = 900m, net = 1m }, null, null), HttpStatusCode.BadRequest, "validation_failed"),
            ("measure without any spool weight", () => Client(Follower2).MeasureAsync("sl-r", 900m), HttpStatusCode.Conflict, "spool_weight_unknown"),
            ("measure lighter than the empty spool", () => Client(Follower2).MeasureAsync("sl-r", 199m, 200m), HttpStatusCode.Conflict, "weight_out_of_range"),
            ("measure more than the spool holds", () => Client(Follower2).MeasureAsync("sl-r", 1200.5m, 200m), HttpStatusCode.Conflict, "weight_out_of_range"),
            ("measure with a stale If-Match", () => Client(Leader).MeasureAsync("sl-r", 900m, 200m, ifMatch: stale), HttpStatusCode.PreconditionFailed, "version_mismatch"),
            ("a ledger page of 0", () => Client(Leader).GetAsync("/api/v1/filaments/sl-r/ledger?limit=0"), HttpStatusCode.BadRequest, "validation_failed"),
            ("a ledger cursor this API did not give", () => Client(Leader).GetAsync("/api/v1/filaments/sl-r/ledger?limit=2&cursor=bogus"), HttpStatusCode.BadRequest, "validation_failed"),
        };
        foreach (var (what, send, status, code) in refusals)
        {
            using var response = await send();
            await ExpectProblemAsync(response, status, code, what);
        }

        await WaitForAllNodesToApplyAsync();
        foreach (var (node, view) in await OnEveryNodeAsync("/api/v1/filaments/sl-r", 0))
        {
            Assert.Multiple(async () =>
            {
                Assert.That(view.GetProperty("remaining_weight_in_grams").GetDecimal(), Is.EqualTo(1000m), $"{node}: remaining");
                Assert.That($"\"{VersionOf(view)}\"", Is.EqualTo(etag), $"{node}: the refusals changed nothing");
                Assert.That((await Client(node).LedgerAsync("sl-r")).GetArrayLength(), Is.EqualTo(1), $"{node}: only the initial entry");
            });
        }
    }

    [Test]
    public async Task The_ledger_pages_newest_first_and_a_cursor_stays_put_while_entries_are_added()
    {
        await GivenAsync(() => Client(Leader).CreateFilamentAsync("sl-p", 1000m), "spool sl-p");
        for (var i = 0; i < 6; i++)
        {
            using var taken = await Client(NodeIds[i % 3]).AdjustAsync("sl-p", -1m, $"count {i + 1}");
            await taken.ExpectAsync(HttpStatusCode.OK, $"adjustment {i + 1}");
        }

        using var first = await Client(Follower1).GetAsync("/api/v1/filaments/sl-p/ledger?limit=3");
        var page1 = await ExpectEntityAsync(first, HttpStatusCode.OK, "first page");
        Assert.Multiple(() =>
        {
            Assert.That(Sequences(page1), Is.EqualTo(new[] { 6, 5, 4 }), "the newest three");
            Assert.That(first.Headers.GetValues("X-Total-Count").Single(), Is.EqualTo("7"));
        });

        // Entries added after the first page do not shift the pages that follow it.
        for (var i = 0; i < 2; i++)
        {
            using var taken = await Client(Leader).AdjustAsync("sl-p", -1m);
            await taken.ExpectAsync(HttpStatusCode.OK, $"adjustment after the first page {i + 1}");
        }

        using var second = await Client(Follower2).GetAsync(NextLink(first));
        var page2 = await ExpectEntityAsync(second, HttpStatusCode.OK, "second page");
        using var third = await Client(Leader).GetAsync(NextLink(second));
        var page3 = await ExpectEntityAsync(third, HttpStatusCode.OK, "third page");
        Assert.Multiple(() =>
        {
            Assert.That(Sequences(page2), Is.EqualTo(new[] { 3, 2, 1 }), "the cursor names an entry, not an offset");
            Assert.That(second.Headers.GetValues("X-Total-Count").Single(), Is.EqualTo("9"), "the total counts the new entries");
            Assert.That(Sequences(page3), Is.EqualTo(new[] { 0 }), "the initial entry, last");
            Assert.That(page3[0].GetProperty("kind").GetString(), Is.EqualTo("initial"));
            Assert.That(third.Headers.Contains("Link"), Is.False, "no next page after the oldest entry");
        });

        using var newest = await Client(Follower1).GetAsync("/api/v1/filaments/sl-p/ledger?limit=2");
        Assert.That(Sequences(await ExpectEntityAsync(newest, HttpStatusCode.OK, "a fresh first page")), Is.EqualTo(new[] { 8, 7 }));
    }

    [Test]
    public async Task A_job_history_lists_each_status_and_Done_consumes_the_actual_weight()
    {
        await GivenAsync(() => Client(Leader).CreatePrinterAsync("sl-hp"), "printer sl-hp");
        await GivenAsync(() => Client(Leader).CreateFilamentAsync("sl-hf", 1000m), "spool sl-hf");
        await GivenAsync(() => Client(Leader).CreateJobAsync("sl-hj", "sl-hp", "sl-hf", 100m), "job sl-hj");
        using var running = await Client(Follower1).SetStatusAsync("sl-hj", "Running");
        await running.ExpectAsync(HttpStatusCode.OK, "Running");

        using var tooEarly = await Client(Follower1).SendAsync(HttpMethod.Post, "/api/v1/print_jobs/sl-hj/status", new { status = "Canceled", actual_weight_in_grams = 10m }, null, null);
        await ExpectProblemAsync(tooEarly, HttpStatusCode.BadRequest, "validation_failed", "actual_weight_in_grams with Canceled");
        using var done = await Client(Follower2).FinishAsync("sl-hj", 87.5m);
        var job = await ExpectEntityAsync(done, HttpStatusCode.OK, "Done with the actual weight");
        Assert.Multiple(() =>
        {
            Assert.That(Text(job, "status"), Is.EqualTo("Done"));
            Assert.That(job.GetProperty("actual_weight_in_grams").GetDecimal(), Is.EqualTo(87.5m));
            Assert.That(job.GetProperty("print_weight_in_grams").GetDecimal(), Is.EqualTo(100m), "the planned weight stays as it was");
        });

        await OnEveryNodeAsync("/api/v1/print_jobs/sl-hj", VersionOf(job));
        foreach (var node in NodeIds)
        {
            var history = (await Client(node).GetJsonAsync(FarmApi.Local("/api/v1/print_jobs/sl-hj/history"))).EnumerateArray().ToList();
            var spool = await Client(node).GetJsonAsync(FarmApi.Local("/api/v1/filaments/sl-hf"));
            var consumed = (await Client(node).LedgerAsync("sl-hf"))[0];
            Assert.Multiple(() =>
            {
                Assert.That(history.Select(h => Text(h, "status")), Is.EqualTo(new[] { "Queued", "Running", "Done" }), $"{node}: statuses");
                Assert.That(history.Select(h => h.GetProperty("log_index").GetInt64()), Is.Ordered.Ascending.And.All.GreaterThan(0), $"{node}: log indexes");
                Assert.That(history[^1].GetProperty("log_index").GetInt64(), Is.EqualTo(VersionOf(job)), $"{node}: Done is the job's last change");
                Assert.That(history.Select(h => h.GetProperty("at").GetString()), Has.All.Match(IsoUtc), $"{node}: leader-stamped times");
                Assert.That(history.Select(h => DateTime.Parse(h.GetProperty("at").GetString()!, CultureInfo.InvariantCulture)), Is.Ordered, $"{node}: times in order");
                Assert.That(spool.GetProperty("remaining_weight_in_grams").GetDecimal(), Is.EqualTo(912.5m), $"{node}: the actual weight was consumed");
                Assert.That(spool.GetProperty("reserved_weight_in_grams").GetDecimal(), Is.Zero, $"{node}: the reservation was released");
                Assert.That(Text(consumed, "kind"), Is.EqualTo("consume"), $"{node}: newest entry");
                Assert.That(consumed.GetProperty("grams").GetDecimal(), Is.EqualTo(-87.5m), $"{node}: consumed grams");
                Assert.That(Text(consumed, "job_id"), Is.EqualTo("sl-hj"), $"{node}: the job that consumed");
            });
        }

        using var queuedHistory = await Client(Leader).GetAsync("/api/v1/print_jobs/sl-hj/history");
        await queuedHistory.ExpectAsync(HttpStatusCode.OK, "history through the leader");

        // Done may not take more than the spool has left: the actual weight is checked like the planned one.
        await GivenAsync(() => Client(Leader).CreateFilamentAsync("sl-hs", 100m), "spool sl-hs");
        await GivenAsync(() => Client(Leader).CreateJobAsync("sl-hk", "sl-hp", "sl-hs", 50m), "job sl-hk");
        using var start = await Client(Leader).SetStatusAsync("sl-hk", "Running");
        await start.ExpectAsync(HttpStatusCode.OK, "Running sl-hk");
        using var tooMuch = await Client(Follower1).FinishAsync("sl-hk", 150m);
        await ExpectProblemAsync(tooMuch, HttpStatusCode.Conflict, "insufficient_filament", "Done using more than the spool has");
        using var planned = await Client(Follower1).FinishAsync("sl-hk", null);
        var plannedJob = await ExpectEntityAsync(planned, HttpStatusCode.OK, "Done without an actual weight");
        Assert.That(plannedJob.GetProperty("actual_weight_in_grams").ValueKind, Is.EqualTo(JsonValueKind.Null), "no actual weight reported");
    }

    [Test]
    public async Task Stock_groups_spools_by_type_and_colour_and_flags_the_low_ones()
    {
        await GivenAsync(() => Client(Leader).CreateFilamentAsync("sl-s1", 1000m, "PETG", "Teal-st"), "spool sl-s1");
        await GivenAsync(() => Client(Leader).CreateFilamentAsync("sl-s2", 500m, "PETG", "teal-ST"), "spool sl-s2");
        await GivenAsync(() => Client(Leader).SendAsync(HttpMethod.Post, "/api/v1/filaments", new { id = "sl-s3", type = "TPU", color = "Ochre-st", total_weight_in_grams = 100m, low_stock_threshold_in_grams = 50m }, null, null), "spool sl-s3");
        await GivenAsync(() => Client(Leader).CreateUnassignedJobAsync("sl-sj", "sl-s3", 60m), "unassigned job on sl-s3");

        using var response = await Client(Follower1).GetAsync("/api/v1/stock");
        var groups = (await ExpectEntityAsync(response, HttpStatusCode.OK, "stock")).EnumerateArray().ToList();
        var teal = groups.Single(g => Text(g, "type") == "PETG" && Text(g, "color")!.Equals("teal-st", StringComparison.OrdinalIgnoreCase));
        var ochre = groups.Single(g => Text(g, "type") == "TPU" && Text(g, "color") == "Ochre-st");
        Assert.Multiple(() =>
        {
            Assert.That(Text(teal, "color"), Is.EqualTo("Teal-st"), "the oldest spool's spelling");
            Assert.That(teal.GetProperty("spools").GetInt32(), Is.EqualTo(2), "colours grouped ignoring case");
            Assert.That(teal.GetProperty("remaining_weight_in_grams").GetDecimal(), Is.EqualTo(1500m));
            Assert.That(teal.GetProperty("available_weight_in_grams").GetDecimal(), Is.EqualTo(1500m));
            Assert.That(teal.GetProperty("low_stock_threshold_in_grams").GetDecimal(), Is.EqualTo(150m), "10% of each total by default");
            Assert.That(teal.GetProperty("low_stock").GetBoolean(), Is.False);
            Assert.That(ochre.GetProperty("spools").GetInt32(), Is.EqualTo(1));
            Assert.That(ochre.GetProperty("reserved_weight_in_grams").GetDecimal(), Is.EqualTo(60m));
            Assert.That(ochre.GetProperty("available_weight_in_grams").GetDecimal(), Is.EqualTo(40m));
            Assert.That(ochre.GetProperty("queued_demand_in_grams").GetDecimal(), Is.EqualTo(60m));
            Assert.That(ochre.GetProperty("unassigned_demand_in_grams").GetDecimal(), Is.EqualTo(60m));
            Assert.That(ochre.GetProperty("low_stock_threshold_in_grams").GetDecimal(), Is.EqualTo(50m), "the spool's own threshold");
            Assert.That(ochre.GetProperty("low_stock").GetBoolean(), Is.True, "40 g available is below 50 g");
        });

        var low = await Client(Follower2).GetJsonAsync("/api/v1/filaments?low_stock=true");
        var spool = await Client(Follower2).GetJsonAsync("/api/v1/filaments/sl-s3");
        Assert.Multiple(() =>
        {
            Assert.That(IdsOf(low), Does.Contain("sl-s3").And.No.Contain("sl-s1").And.No.Contain("sl-s2"), "?low_stock=true");
            Assert.That(spool.GetProperty("low_stock").GetBoolean(), Is.True);
            Assert.That(spool.GetProperty("reserved_weight_in_grams").GetDecimal(), Is.EqualTo(60m));
            Assert.That(spool.GetProperty("available_weight_in_grams").GetDecimal(), Is.EqualTo(40m));
            Assert.That(spool.GetProperty("low_stock_threshold_in_grams").GetDecimal(), Is.EqualTo(50m));
        });
    }

    [Test]
    public async Task Exports_in_json_and_csv_parse_back_to_the_same_rows_as_of_the_index_they_name()
    {
        await GivenAsync(() => Client(Leader).CreatePrinterAsync("sl-xp"), "printer sl-xp");
        await GivenAsync(() => Client(Leader).CreateFilamentAsync("sl-x", 1000m, "ABS", "Black"), "spool sl-x");
        await GivenAsync(() => Client(Leader).CreateJobAsync("sl-xj", "sl-xp", "sl-x", 10m), "job sl-xj");
        const string awkwardReason = "cut, then \"tested\"\nby hand";
        using var adjusted = await Client(Leader).AdjustAsync("sl-x", -3.25m, awkwardReason);
        var lastWrite = VersionOf(await ExpectEntityAsync(adjusted, HttpStatusCode.OK, "an adjustment with commas, quotes and a line break in its reason"));

        foreach (var kind in new[] { "filaments", "print_jobs", "ledger" })
        {
            using var json = await Client(Follower1).GetAsync($"/api/v1/export?kind={kind}");
            var rows = (await ExpectEntityAsync(json, HttpStatusCode.OK, $"{kind} as JSON")).EnumerateArray().ToList();
            var index = ExportIndexOf(json);
            using var csv = await Client(Follower2).GetAsync($"/api/v1/export?format=csv&kind={kind}");
            await csv.ExpectAsync(HttpStatusCode.OK, $"{kind} as CSV");
            var table = ParseCsv(await csv.Content.ReadAsStringAsync());
            Assert.Multiple(() =>
            {
                Assert.That(index, Is.GreaterThanOrEqualTo(lastWrite), $"{kind}: the export holds every acknowledged write");
                Assert.That(ExportIndexOf(csv), Is.EqualTo(index), $"{kind}: no write between the two exports");
                Assert.That(json.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
                Assert.That(csv.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
                Assert.That(json.Content.Headers.GetValues("Content-Disposition").Single(), Is.EqualTo($"attachment; filename=\"raft3d-{kind}-{index}.json\""));
                Assert.That(csv.Content.Headers.GetValues("Content-Disposition").Single(), Is.EqualTo($"attachment; filename=\"raft3d-{kind}-{index}.csv\""));
                Assert.That(rows, Is.Not.Empty, $"{kind}: rows");
                Assert.That(table[0], Is.EqualTo(rows[0].EnumerateObject().Select(p => p.Name)), $"{kind}: the CSV header is the JSON's field names");
                Assert.That(table.Skip(1), Is.EqualTo(rows.Select(row => row.EnumerateObject().Select(p => CellOf(p.Value)))), $"{kind}: each CSV row says what its JSON object says");
                Assert.That(rows.Select(row => row.GetProperty(kind == "ledger" ? "log_index" : "version").GetInt64()), Has.All.LessThanOrEqualTo(index), $"{kind}: nothing after the index");
            });

            if (kind == "filaments")
            {
                var spool = await Client(Follower1).GetJsonAsync("/api/v1/filaments/sl-x");
                Assert.That(JsonElement.DeepEquals(rows.Single(r => Text(r, "id") == "sl-x"), spool), Is.True, "a filament row is the API's filament");
            }
            else if (kind == "ledger")
            {
                var entries = rows.Where(r => Text(r, "filament_id") == "sl-x").ToList();
                Assert.Multiple(() =>
                {
                    Assert.That(entries.Select(e => Text(e, "kind")), Is.EqualTo(new[] { "initial", "adjust" }), "a spool's entries, oldest first");
                    Assert.That(Text(entries[1], "reason"), Is.EqualTo(awkwardReason));
                    Assert.That(table.Single(r => r[0] == "sl-x" && r[2] == "adjust")[Array.IndexOf(table[0], "reason")], Is.EqualTo(awkwardReason), "RFC 4180 quoting round-trips");
                    Assert.That(Grams(table.Single(r => r[0] == "sl-x" && r[2] == "adjust")[Array.IndexOf(table[0], "grams")]), Is.EqualTo(-3.25m));
                });
            }
        }

        foreach (var query in new[] { "kind=printers", "format=xml", "kind=ledger&format=tsv" })
        {
            using var refused = await Client(Follower1).GetAsync($"/api/v1/export?{query}");
            await ExpectProblemAsync(refused, HttpStatusCode.BadRequest, "validation_failed", $"export?{query}");
        }
    }

    private static long ExportIndexOf(HttpResponseMessage response)
        => long.Parse(response.Headers.GetValues("X-Raft3D-Export-Index").Single(), CultureInfo.InvariantCulture);

    /// <summary>A JSON value as the CSV export writes it: strings as they are, numbers and booleans as JSON spells them, null empty.</summary>
    private static string CellOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => string.Empty,
        _ => value.GetRawText(),
    };

    /// <summary>RFC 4180: fields split by commas, rows by CRLF, a quoted field may hold commas, CRLF and doubled quotes.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        Assert.That(text, Does.EndWith("\r\n"), "every row ends with CRLF");
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        return rows;
    }

    private static IReadOnlyList<int> Sequences(JsonElement page) => [.. page.EnumerateArray().Select(e => e.GetProperty("sequence").GetInt32())];

    private static string NextLink(HttpResponseMessage response)
    {
        Assert.That(response.Headers.TryGetValues("Link", out var links), Is.True, "a Link to the next page");
        var link = links!.Single();
        return link[(link.IndexOf('<', StringComparison.Ordinal) + 1)..link.IndexOf('>', StringComparison.Ordinal)];
    }

    private static decimal Grams(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);
}
