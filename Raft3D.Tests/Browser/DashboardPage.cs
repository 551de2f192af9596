using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Raft3D.Tests.Browser;

/// <summary>
/// The dashboard as a test sees it: its forms, cards and regions found by label, role or data attribute, and
/// what the page did behind the test's back (dialogs opened, script errors).
/// </summary>
internal sealed class DashboardPage
{
    private readonly List<string> dialogs = [];
    private readonly List<string> errors = [];

    public DashboardPage(IPage page)
    {
        Page = page;

        // A dialog would mean a value from the API ran as script; dismiss it so the page goes on, and remember it.
        page.Dialog += async (_, dialog) =>
        {
            lock (dialogs)
            {
                dialogs.Add($"{dialog.Type}: {dialog.Message}");
            }

            await dialog.DismissAsync();
        };
        page.PageError += (_, error) =>
        {
            lock (errors)
            {
                errors.Add(error);
            }
        };
    }

    public IPage Page { get; }

    public IReadOnlyList<string> Dialogs
    {
        get
        {
            lock (dialogs)
            {
                return [.. dialogs];
            }
        }
    }

    public IReadOnlyList<string> ScriptErrors
    {
        get
        {
            lock (errors)
            {
                return [.. errors];
            }
        }
    }

    /// <summary>The line under the title: which node served the page, which one it talks to, the leader, the stream.</summary>
    public ILocator Where => Page.Locator("#where");

    public ILocator Banner => Page.Locator("#banner");

    public ILocator PrinterCard(string id) => Page.Locator($"#printers-list [data-printer-id='{id}']");

    public ILocator FilamentCard(string id) => Page.Locator($"#filaments-list [data-filament-id='{id}']");

    public ILocator Remaining(string filamentId) => FilamentCard(filamentId).Locator("[data-field=remaining]");

    public ILocator JobCard(string id) => Page.Locator($"#jobs-board [data-job-id='{id}']");

    public ILocator Column(string status) => Page.Locator($"#jobs-board [data-status='{status}']");

    public ILocator Form(string name) => Page.Locator($"form[data-form='{name}']");

    public ILocator FormProblem(string name) => Form(name).Locator(".problem");

    public ILocator FormStatus(string name) => Form(name).Locator(".form-ok");

    /// <summary>The form the page shows when a node answers 401.</summary>
    public ILocator TokenForm => Page.Locator("#token");

    public ILocator ForgetTokenButton => Page.GetByRole(AriaRole.Button, new() { Name = "Forget token" });

    /// <summary>Types a token into the token form by its label, as a person would, and submits it.</summary>
    public async Task EnterTokenAsync(string token)
    {
        await TokenForm.GetByLabel("API token", new() { Exact = true }).FillAsync(token);
        await TokenForm.GetByRole(AriaRole.Button, new() { Name = "Use this token" }).ClickAsync();
    }

    /// <summary>What the page keeps in its tab's sessionStorage and localStorage, every key and value.</summary>
    public async Task<(string Session, string Local)> StorageAsync()
    {
        var session = await Page.EvaluateAsync<string>("() => JSON.stringify(Object.entries(sessionStorage))");
        var local = await Page.EvaluateAsync<string>("() => JSON.stringify(Object.entries(localStorage))");
        return (session, local);
    }

    /// <summary>Waits until the page has read the lists and its event stream is open on the named node.</summary>
    public async Task WaitUntilLiveAsync(string nodeId)
        => await Expect(Where).ToContainTextAsync($"live updates: on from {nodeId}");

    public async Task AddPrinterAsync(string id, string company, string model)
    {
        var form = Form("printer");
        await form.GetByLabel("Id (optional)").FillAsync(id);
        await form.GetByLabel("Company").FillAsync(company);
        await form.GetByLabel("Model").FillAsync(model);
        await form.GetByRole(AriaRole.Button, new() { Name = "Add printer" }).ClickAsync();
    }

    public async Task AddFilamentAsync(string id, string type, string color, decimal total)
    {
        var form = Form("filament");
        await form.GetByLabel("Id (optional)").FillAsync(id);
        await form.GetByLabel("Type").SelectOptionAsync(type);
        await form.GetByLabel("Colour").FillAsync(color);
        await form.GetByLabel("Total weight (g)").FillAsync(Invariant(total));
        await form.GetByRole(AriaRole.Button, new() { Name = "Add spool" }).ClickAsync();
    }

    /// <summary>Fills and submits the job form; the printer and spool must already be in its choice lists.</summary>
    public async Task AddJobAsync(string id, string printerId, string filamentId, decimal grams)
    {
        var form = Form("job");
        await form.GetByLabel("Id (optional)").FillAsync(id);
        await Expect(form.GetByLabel("Printer").Locator($"option[value='{printerId}']")).ToHaveCountAsync(1);
        await form.GetByLabel("Printer").SelectOptionAsync(printerId);
        await Expect(form.GetByLabel("Spool").Locator($"option[value='{filamentId}']")).ToHaveCountAsync(1);
        await form.GetByLabel("Spool").SelectOptionAsync(filamentId);
        await form.GetByLabel("G-code file").FillAsync($"/prints/{id}.gcode");
        await form.GetByLabel("Weight of the print (g)").FillAsync(Invariant(grams));
        await form.GetByRole(AriaRole.Button, new() { Name = "Add job" }).ClickAsync();
    }

    /// <summary>Presses a job's button by its accessible name, e.g. "Start job j1".</summary>
    public async Task PressAsync(string accessibleName)
        => await Page.GetByRole(AriaRole.Button, new() { Name = accessibleName, Exact = true }).ClickAsync();

    /// <summary>A screenshot attached to the running test's results; full page unless told otherwise.</summary>
    public async Task AttachScreenshotAsync(string name, bool fullPage = true)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{TestContext.CurrentContext.Test.MethodName}-{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = fullPage });
        TestContext.AddTestAttachment(file, name);
    }

    private static string Invariant(decimal value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
