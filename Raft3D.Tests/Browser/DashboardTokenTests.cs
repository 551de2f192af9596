using System.Net;
using Raft3D.Tests.Infrastructure;
using Raft3D.Tests.Security;
using static Microsoft.Playwright.Assertions;

namespace Raft3D.Tests.Browser;

/// <summary>
/// The dashboard against three node processes that require tokens, opened on a follower: it asks for a token,
/// keeps it in the tab's sessionStorage only, shows the farm to a viewer but the forbidden problem when the viewer
/// adds a printer, lets an operator add one, asks again for a token the nodes refuse, and forgets it on request.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class DashboardTokenTests : DashboardFixture
{
    private readonly TestTokens tokens = new();
    private string follower = null!;

    private protected override async Task<ProcessCluster> StartClusterAsync()
    {
        var started = await ProcessCluster.StartRequiringTokensAsync(tokens.Admin, tokens.Settings());
        var leader = await started.WaitForLeaderAsync();
        follower = started.Nodes.First(n => n.Id != leader).Id;
        await FarmApi.ExpectCreatedAsync(() => started.Client(leader).CreatePrinterAsync("tok-p1", "Prusa", "MK4"), "create printer");
        return started;
    }

    [Test]
    public async Task A_viewer_token_shows_the_farm_and_a_viewers_write_shows_the_forbidden_problem_without_losing_the_token()
    {
        page = await browser.OpenAsync(cluster.Node(follower).ApiUrl + "/");

        await Expect(page.TokenForm).ToBeVisibleAsync();
        await Expect(page.TokenForm.GetByLabel("API token", new() { Exact = true })).ToHaveAttributeAsync("type", "password");
        await Expect(page.TokenForm.GetByLabel("API token", new() { Exact = true })).ToBeFocusedAsync();
        await Expect(page.PrinterCard("tok-p1")).ToHaveCountAsync(0);
        await page.AttachScreenshotAsync("asked", fullPage: false);

        await page.EnterTokenAsync(tokens.Viewer);

        await Expect(page.TokenForm).ToBeHiddenAsync();
        await Expect(page.PrinterCard("tok-p1")).ToContainTextAsync("Prusa MK4");
        await page.WaitUntilLiveAsync(follower);
        await Expect(page.ForgetTokenButton).ToBeVisibleAsync();

        await page.AddPrinterAsync("tok-viewer", "Bambu", "X1");

        await Expect(page.FormProblem("printer")).ToHaveAttributeAsync("data-code", "forbidden");
        await Expect(page.FormProblem("printer")).ToContainTextAsync("Your token's role cannot do this.");
        await Expect(page.FormProblem("printer")).ToContainTextAsync("has role viewer");
        await Expect(page.TokenForm).ToBeHiddenAsync();
        var (session, local) = await page.StorageAsync();
        Assert.Multiple(() =>
        {
            Assert.That(session, Does.Contain(tokens.Viewer), "the token stays in the tab after a 403");
            Assert.That(local, Is.EqualTo("[]"), "nothing in localStorage");
            Assert.That(page.Page.Url, Does.Not.Contain(tokens.Viewer), "never in the URL");
            Assert.That(page.ScriptErrors, Is.Empty);
        });
        var written = await cluster.Client(follower).GetAsync("/api/v1/printers/tok-viewer");
        Assert.That(written.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the viewer's printer was not written");

        // A reload in the same tab keeps the token: the page does not ask again.
        await page.Page.ReloadAsync();
        await Expect(page.PrinterCard("tok-p1")).ToBeVisibleAsync();
        await Expect(page.TokenForm).ToBeHiddenAsync();
    }

    [Test]
    public async Task An_operator_token_adds_a_printer_through_the_form()
    {
        page = await browser.OpenAsync(cluster.Node(follower).ApiUrl + "/");
        await page.EnterTokenAsync(tokens.Operator);
        await page.WaitUntilLiveAsync(follower);

        await page.AddPrinterAsync("tok-operator", "Voron", "2.4");

        await Expect(page.FormStatus("printer")).ToHaveTextAsync("Added printer tok-operator.");
        await Expect(page.PrinterCard("tok-operator")).ToContainTextAsync("Voron 2.4");
        var printer = await cluster.Client(follower).GetJsonAsync("/api/v1/printers/tok-operator");
        Assert.That(printer.GetProperty("model").GetString(), Is.EqualTo("2.4"));
        Assert.That(page.ScriptErrors, Is.Empty);
    }

    [Test]
    public async Task A_refused_token_is_asked_for_again_and_forget_token_clears_it()
    {
        page = await browser.OpenAsync(cluster.Node(follower).ApiUrl + "/");
        await page.EnterTokenAsync(TestTokens.NewToken());

        await Expect(page.TokenForm).ToBeVisibleAsync();
        await Expect(page.Page.Locator("#token-why")).ToContainTextAsync("did not accept that token");
        Assert.That((await page.StorageAsync()).Session, Is.EqualTo("[]"), "a refused token is not kept");

        await page.EnterTokenAsync("two words");
        await Expect(page.Page.Locator("#token-problem")).ToContainTextAsync("without spaces");

        await page.EnterTokenAsync(tokens.Viewer);
        await Expect(page.PrinterCard("tok-p1")).ToBeVisibleAsync();

        await page.ForgetTokenButton.ClickAsync();

        await Expect(page.TokenForm).ToBeVisibleAsync();
        await Expect(page.PrinterCard("tok-p1")).ToHaveCountAsync(0);
        Assert.That((await page.StorageAsync()).Session, Is.EqualTo("[]"));
        Assert.That(page.ScriptErrors, Is.Empty);
    }
}
