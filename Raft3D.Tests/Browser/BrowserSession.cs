using Microsoft.Playwright;

namespace Raft3D.Tests.Browser;

/// <summary>
/// Headless Chromium from Debian (the <c>chromium</c> package), driven by Playwright. Playwright's own browser
/// download cannot work here (no network but the package registries), so it is pointed at the system binary;
/// without that binary the tests are skipped and say how to get it.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright playwright;

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<BrowserSession> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Ignore($"The browser tests need Debian's chromium at {ChromiumPath}: apt-get install -y chromium (.ci/run installs it).");
        }

        // Auto-waiting assertions poll up to this long; a three-node cluster on two busy cores can take seconds.
        Assertions.SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,

            // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start. --disable-dev-shm-usage:
            // containers give /dev/shm a few MiB, too little for the renderer.
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        return new BrowserSession(playwright, browser);
    }

    /// <summary>A fresh browser context (no shared storage) with the dashboard of the node at <paramref name="url"/> open.</summary>
    public async Task<DashboardPage> OpenAsync(string url, int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        var dashboard = new DashboardPage(page);
        await page.GotoAsync(url);
        return dashboard;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
