using System.Net;
using Microsoft.Playwright;
using Raft3D.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Raft3D.Tests.Browser;

/// <summary>
/// The dashboard in headless Chromium against three real node processes, opened on a follower: its forms,
/// buttons and live updates, its problem texts, its spool page, and values from the API shown as text.
/// The tests share one cluster and use ids of their own.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class DashboardTests : DashboardFixture
{
    private string leader = null!;
    private string follower = null!;

    private protected override async Task<ProcessCluster> StartClusterAsync()
    {
        var started = await ProcessCluster.StartAsync();
        leader = await started.WaitForLeaderAsync();
        follower = started.Nodes.First(n => n.Id != leader).Id;
        return started;
    }

    /// <summary>Runs first, on a farm no other test has touched yet, so the README's picture shows only its farm.</summary>
    [Test]
    [Order(1)]
    public async Task The_populated_dashboard_shows_every_part_and_is_photographed()
    {
        var api = cluster.Client(leader);
        await ShowcaseFarm.PopulateAsync(api);
        page = await OpenFollowerAsync();

        await Expect(page.PrinterCard("mk4-1").Locator("[data-field=state]")).ToHaveTextAsync("Printing");
        await Expect(page.PrinterCard("mk4-1").Locator("progress")).ToHaveAttributeAsync("value", "65");
        await Expect(page.FilamentCard("petg-black").Locator("[data-field=low-stock]")).ToContainTextAsync("Low stock");
        foreach (var status in new[] { "Queued", "Running", "Done", "Canceled" })
        {
            await Expect(page.Column(status).Locator("[data-job-id]").First).ToBeVisibleAsync();
        }

        await Expect(page.Page.Locator("#cluster-body tbody tr")).ToHaveCountAsync(3);
        await Expect(page.Page.Locator("#cluster-body tr.leader [data-field=role]")).ToHaveTextAsync("leader");
        await Expect(page.Page.Locator("#cluster-body td[data-field=reachable].bad")).ToHaveCountAsync(0);

        // A node without tokens never answers 401, so the page never asks for one.
        await Expect(page.TokenForm).ToBeHiddenAsync();
        await Expect(page.ForgetTokenButton).ToBeHiddenAsync();
        await page.AttachScreenshotAsync("dashboard");
        if (Environment.GetEnvironmentVariable("RAFT3D_UPDATE_SCREENSHOT") == "1")
        {
            var docs = Path.Combine(RepositoryRoot.Path, "docs");
            Directory.CreateDirectory(docs);
            await page.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(docs, "dashboard.png"), FullPage = true });
        }
    }

    [Test]
    public async Task Forms_on_a_follower_add_a_printer_a_spool_and_a_job_and_finishing_the_job_lowers_the_spool_without_a_reload()
    {
        page = await OpenFollowerAsync();
        await page.Page.EvaluateAsync("() => { window.raft3dNotReloaded = true; }");

        await page.AddPrinterAsync("flow-p1", "Prusa", "MK4");
        await Expect(page.PrinterCard("flow-p1")).ToContainTextAsync("Prusa MK4");
        await Expect(page.FormStatus("printer")).ToHaveTextAsync("Added printer flow-p1.");
        await page.AddFilamentAsync("flow-f1", "PLA", "Red", 1000);
        await Expect(page.Remaining("flow-f1")).ToHaveTextAsync("1,000 g");
        await page.AddJobAsync("flow-j1", "flow-p1", "flow-f1", 200);
        await Expect(page.Column("Queued").Locator("[data-job-id='flow-j1']")).ToBeVisibleAsync();

        // The spool's reserved grams changed through an event: the form's answer was the job, not the spool.
        await Expect(page.FilamentCard("flow-f1").Locator("[data-field=reserved]")).ToHaveTextAsync("200 g");

        await page.PressAsync("Start job flow-j1");
        await Expect(page.Column("Running").Locator("[data-job-id='flow-j1']")).ToBeVisibleAsync();
        await Expect(page.PrinterCard("flow-p1").Locator("[data-field=state]")).ToHaveTextAsync("Printing");
        await page.PressAsync("Done job flow-j1");
        await Expect(page.Column("Done").Locator("[data-job-id='flow-j1']")).ToBeVisibleAsync();
        await Expect(page.Remaining("flow-f1")).ToHaveTextAsync("800 g");
        await Expect(page.FilamentCard("flow-f1").Locator("[data-field=reserved]")).ToHaveTextAsync("0 g");

        Assert.That(await page.Page.EvaluateAsync<bool>("() => window.raft3dNotReloaded === true"), Is.True, "the page should not have reloaded");
        var job = await cluster.Client(leader).GetJsonAsync("/api/v1/print_jobs/flow-j1");
        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("Done"), "the leader should hold what the page did");
        Assert.That(page.ScriptErrors, Is.Empty);
    }

    [Test]
    public async Task An_over_weight_job_shows_the_insufficient_filament_problem_in_words_next_to_the_form()
    {
        var api = cluster.Client(leader);
        await (await api.CreatePrinterAsync("heavy-p1")).ExpectAsync(HttpStatusCode.Created, "create printer");
        await (await api.CreateFilamentAsync("heavy-f1", 300)).ExpectAsync(HttpStatusCode.Created, "create spool");
        page = await OpenFollowerAsync();

        await page.AddJobAsync("heavy-j1", "heavy-p1", "heavy-f1", 500);

        var problem = page.FormProblem("job");
        await Expect(problem).ToHaveAttributeAsync("data-code", "insufficient_filament");
        await Expect(problem).ToContainTextAsync("Not enough filament: the spool does not have that many grams free for this job.");
        await Expect(problem).ToContainTextAsync("The node said: ");
        await Expect(problem).ToContainTextAsync("heavy-f1");
        await Expect(page.JobCard("heavy-j1")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task A_printer_named_like_markup_is_shown_as_text_and_runs_no_script()
    {
        const string markup = "<img src=x onerror=alert(1)>";
        page = await OpenFollowerAsync();

        // Typed and submitted from the keyboard alone: Tab between the fields, Enter to send.
        var form = page.Form("printer");
        await form.GetByLabel("Id (optional)").FocusAsync();
        await page.Page.Keyboard.TypeAsync("xss-p1");
        await page.Page.Keyboard.PressAsync("Tab");
        await page.Page.Keyboard.TypeAsync(markup);
        await page.Page.Keyboard.PressAsync("Tab");
        await page.Page.Keyboard.TypeAsync("MK4");
        await page.Page.Keyboard.PressAsync("Enter");

        await Expect(page.PrinterCard("xss-p1").Locator(".name")).ToHaveTextAsync($"{markup} MK4");
        await Expect(page.Page.Locator("#printers-list img, #jobs-board img, #forms-body img")).ToHaveCountAsync(0);
        await Expect(page.Form("job").GetByLabel("Printer").Locator("option[value='xss-p1']")).ToHaveTextAsync($"xss-p1 ({markup} MK4)");
        Assert.That(page.Dialogs, Is.Empty, "no value from the API may run as script");
        Assert.That(page.ScriptErrors, Is.Empty);
    }

    [Test]
    public async Task A_spools_page_shows_its_ledger_and_chart_and_adds_entries_as_they_happen()
    {
        var api = cluster.Client(leader);
        await (await api.CreatePrinterAsync("ledger-p1")).ExpectAsync(HttpStatusCode.Created, "create printer");
        await (await api.CreateFilamentAsync("ledger-f1", 1000)).ExpectAsync(HttpStatusCode.Created, "create spool");
        await (await api.CreateJobAsync("ledger-j1", "ledger-p1", "ledger-f1", 150)).ExpectAsync(HttpStatusCode.Created, "create job");
        page = await OpenFollowerAsync("#/filaments/ledger-f1");

        var rows = page.Page.Locator("#spool-body .ledger-table tbody tr");
        var chart = page.Page.Locator("#spool-body svg.chart");
        await Expect(page.Page.Locator("#spool-title")).ToHaveTextAsync("Spool ledger-f1: PLA Red");
        await Expect(page.Page.Locator("#dashboard")).ToBeHiddenAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(chart).ToHaveAttributeAsync("data-points", "1");

        // A job finished through another node arrives as events: a consume row, the chart's next point.
        await (await api.SetStatusAsync("ledger-j1", "Running")).ExpectAsync(HttpStatusCode.OK, "start");
        await (await api.SetStatusAsync("ledger-j1", "Done")).ExpectAsync(HttpStatusCode.OK, "done");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.First).ToContainTextAsync("consume");
        await Expect(rows.First).ToContainTextAsync("ledger-j1");
        await Expect(page.Page.Locator("#spool-body [data-field=remaining]")).ToHaveTextAsync("850 g");

        // A correction from the spool page's own form.
        var form = page.Form("adjust-spool");
        await form.GetByLabel("Grams to add (negative to take)").FillAsync("-12.5");
        await form.GetByLabel("Reason").FillAsync("purged a tangle");
        await form.GetByRole(AriaRole.Button, new() { Name = "Record correction" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.First).ToContainTextAsync("purged a tangle");
        await Expect(rows.First).ToContainTextAsync("-12.5 g");
        await Expect(page.Page.Locator("#spool-body [data-field=remaining]")).ToHaveTextAsync("837.5 g");
        await Expect(chart).ToHaveAttributeAsync("data-points", "3");

        // A correction past the spool's total is refused, and the refusal is said in words.
        await form.GetByLabel("Grams to add (negative to take)").FillAsync("5000");
        await form.GetByRole(AriaRole.Button, new() { Name = "Record correction" }).ClickAsync();
        await Expect(page.FormProblem("adjust-spool")).ToContainTextAsync("below 0 g or above its total weight");
        await Expect(rows).ToHaveCountAsync(3);

        // On to an id no spool has: nothing of ledger-f1 stays under it, and the page says it is not found.
        await page.Page.EvaluateAsync("() => { location.hash = '#/filaments/nope'; }");
        await Expect(page.Page.Locator("#spool-title")).ToHaveTextAsync("Spool nope: not found");
        await Expect(page.Page.Locator("#spool-body [data-field=spool-state]")).ToHaveTextAsync("No spool has the id nope.");
        await Expect(rows).ToHaveCountAsync(0);
        await Expect(chart).ToHaveCountAsync(0);

        // Back to the farm with the keyboard: the board is there again, the spool page gone.
        await page.Page.GetByRole(AriaRole.Link, new() { Name = "Back to the farm" }).FocusAsync();
        await page.Page.Keyboard.PressAsync("Enter");
        await Expect(page.Remaining("ledger-f1")).ToHaveTextAsync("837.5 g");
        await Expect(page.Page.Locator("#spool")).ToBeHiddenAsync();
    }

    [Test]
    public async Task The_dashboard_fits_a_phone_screen()
    {
        page = await browser.OpenAsync(cluster.Node(follower).ApiUrl + "/", width: 390, height: 844);
        await page.WaitUntilLiveAsync(follower);
        var overflow = await page.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.That(overflow, Is.LessThanOrEqualTo(0), "nothing should need sideways scrolling at 390 px");
        await page.AttachScreenshotAsync("phone");
    }

    [Test]
    public async Task The_event_stream_parser_reads_split_chunks_line_endings_comments_and_multi_line_data()
    {
        page = await OpenFollowerAsync();
        var events = await page.Page.EvaluateAsync<string[]>("""
            async () => {
              const { SseParser } = await import('/js/sse.js');
              const seen = [];
              const parser = new SseParser(e => seen.push(`${e.type}|${e.id}|${e.data}`), ms => seen.push(`retry ${ms}`));
              for (const chunk of ['\uFEFFretry: 1000\r', '\n: heartbeat\n\nevent: clu', 'ster\ndata: {"a":1}\n\n',
                                   'event: printer\rid: 7\rdata: {"id":"p1",\r\n', 'data: "x":2}\r\n\r\n', 'data: no type\n\n',
                                   'event: reset\nid: 9\ndata: {}\n', '\n', 'id\ndata: cleared\n\n']) parser.push(chunk);
              return seen;
            }
            """);
        Assert.That(events, Is.EqualTo(new[]
        {
            "retry 1000",
            "cluster||{\"a\":1}",
            "printer|7|{\"id\":\"p1\",\n\"x\":2}",
            "message|7|no type",
            "reset|9|{}",
            "message||cleared",
        }));
    }

    [Test]
    public async Task The_event_stream_resumes_from_before_the_last_entry_it_saw_and_from_a_resets_own_index()
    {
        // A stream cut inside an entry has only some of its events: resuming from the index before it gets the
        // whole entry again (the version check ignores what the page already has) instead of losing the rest.
        page = await OpenFollowerAsync();
        var resumeFrom = await page.Page.EvaluateAsync<string[]>("""
            async () => {
              const { EventStreamClient } = await import('/js/event-stream.js');
              const ignore = () => {};
              const stream = new EventStreamClient(null, { onEvent: ignore, onReset: ignore, onCluster: ignore, onState: ignore });
              const seen = [];
              for (const [type, id] of [['filament', '42'], ['ledger', '42'], ['cluster', ''], ['reset', '50'], ['printer', '51']]) {
                stream.dispatch({ type, id, data: '{}' });
                seen.push(stream.lastEventId);
              }
              return seen;
            }
            """);
        Assert.That(resumeFrom, Is.EqualTo(new[] { "41", "41", "41", "50", "50" }));
    }

    private async Task<DashboardPage> OpenFollowerAsync(string fragment = "")
    {
        var opened = await browser.OpenAsync(cluster.Node(follower).ApiUrl + "/" + fragment);
        await opened.WaitUntilLiveAsync(follower);
        return opened;
    }
}
