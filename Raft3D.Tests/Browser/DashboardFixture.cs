using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Browser;

/// <summary>
/// What the dashboard fixtures share: one Chromium and one cluster of node processes for all of a fixture's tests,
/// and each test's page photographed and closed after it, so a failure leaves a picture and no page leaks into the next.
/// </summary>
public abstract class DashboardFixture
{
    private protected BrowserSession browser = null!;
    private protected ProcessCluster cluster = null!;
    private protected DashboardPage? page;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        browser = await BrowserSession.LaunchAsync();
        cluster = await StartClusterAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }

        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
    }

    [TearDown]
    public async Task CloseAsync()
    {
        if (page is not null)
        {
            await page.AttachScreenshotAsync("end");
            await page.Page.Context.CloseAsync();
            page = null;
        }
    }

    /// <summary>The fixture's cluster, started and ready for its tests; the browser is already up.</summary>
    private protected abstract Task<ProcessCluster> StartClusterAsync();
}
