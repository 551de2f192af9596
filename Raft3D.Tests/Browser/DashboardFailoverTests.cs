using System.Net;
using System.Text.RegularExpressions;
using Raft3D.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Raft3D.Tests.Browser;

/// <summary>
/// The node serving the dashboard is SIGKILLed: the page must say so, move to another member it learned
/// from /cluster/status, resume its event stream there, and keep showing changes and taking writes. A cluster
/// of its own, since a node dies.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed partial class DashboardFailoverTests
{
    [Test]
    public async Task Killing_the_node_serving_the_page_switches_it_to_another_node_that_keeps_it_live()
    {
        await using var browser = await BrowserSession.LaunchAsync();
        await using var cluster = await ProcessCluster.StartAsync();
        var leader = await cluster.WaitForLeaderAsync();
        var served = cluster.Nodes.First(n => n.Id != leader).Id;
        var api = cluster.Client(leader);
        var page = await browser.OpenAsync(cluster.Node(served).ApiUrl + "/");
        try
        {
            await page.WaitUntilLiveAsync(served);
            await FarmApi.ExpectCreatedAsync(() => api.CreatePrinterAsync("before-kill"), "create printer");
            await Expect(page.PrinterCard("before-kill")).ToBeVisibleAsync();

            cluster.Kill(served);

            await Expect(page.Banner).ToContainTextAsync($"{served} stopped answering; switched to ");
            var banner = await page.Banner.InnerTextAsync();
            var now = SwitchedTo().Match(banner).Groups[1].Value;
            Assert.That(now, Is.Not.EqualTo(served).And.Not.Empty, $"the banner should name another node: {banner}");
            await page.AttachScreenshotAsync("switched", fullPage: false);
            await page.WaitUntilLiveAsync(now);
            await Expect(page.Where).ToContainTextAsync($"Page served by {served} · talking to {now}");

            // A change made through another node after the kill reaches the page through the resumed stream...
            var other = cluster.RunningIds.First(id => id != now);
            await (await cluster.Client(other).CreatePrinterAsync("after-kill", "Voron", "2.4")).ExpectAsync(HttpStatusCode.Created, "create printer");
            await Expect(page.PrinterCard("after-kill")).ToContainTextAsync("Voron 2.4");

            // ...and the page's own writes now go to the node it moved to (another origin than the page's).
            await page.AddPrinterAsync("from-page", "Prusa", "Mini");
            await Expect(page.FormStatus("printer")).ToHaveTextAsync("Added printer from-page.");
            var printer = await cluster.Client(other).GetJsonAsync("/api/v1/printers/from-page");
            Assert.That(printer.GetProperty("model").GetString(), Is.EqualTo("Mini"));
            await Expect(page.Page.Locator($"#cluster-body tr[data-member-id='{served}'] [data-field=reachable]")).ToContainTextAsync("not answering this page");
            Assert.That(page.ScriptErrors, Is.Empty);
        }
        finally
        {
            await page.AttachScreenshotAsync("end");
        }
    }

    [GeneratedRegex(@"switched to (\S+?)\.")]
    private static partial Regex SwitchedTo();
}
