using Raft3D.Cli;
using Raft3D.Tests.Infrastructure;
using Raft3D.Tests.Security;

namespace Raft3D.Tests.Cli;

/// <summary>
/// raft3d against a real three-node cluster configured with the hashes <c>raft3d token new</c> printed: the
/// nodes accept the tokens it made, each with its role, through RAFT3D_TOKEN or --token, and jobs watch's event
/// stream carries the token too.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class CliTokenClusterTests
{
    private InProcessCluster cluster = null!;
    private string nodes = null!;
    private string viewer = null!;
    private string @operator = null!;

    [OneTimeSetUp]
    public async Task StartCluster()
    {
        var madeViewer = await NewTokenAsync("viewer", "cli-viewer");
        var madeOperator = await NewTokenAsync("operator", "cli-operator");
        viewer = madeViewer.Token;
        @operator = madeOperator.Token;
        var admin = new TestTokens();
        string[] settings =
        [
            .. Configured(0, madeViewer), .. Configured(1, madeOperator), .. TestTokens.Token(2, "admin-1", "admin", admin.Admin),
            $"--Raft3D:Security:ClusterSecret={admin.ClusterSecret}",
        ];
        cluster = await InProcessCluster.StartAsync(settings: _ => settings, token: admin.Admin);
        nodes = string.Join(',', cluster.Nodes.Select(n => n.ApiUrl));
    }

    [OneTimeTearDown]
    public async Task StopCluster() => await cluster.DisposeAsync();

    [Test]
    public async Task The_tokens_token_new_made_are_accepted_each_with_its_role()
    {
        var added = await RunAsync(@operator, "printers", "add", "--company", "Prusa", "--model", "MK4", "--id", "ct-p1");
        var listed = await RunAsync(viewer, "printers", "list");
        var status = await RunAsync(viewer, "cluster", "status");
        var viewersWrite = await RunAsync(viewer, "printers", "add", "--company", "Bambu", "--model", "X1", "--id", "ct-p2");
        var viaOption = await CliResult.RunAsync(transport: null, nodes, new Dictionary<string, string?>(), CancellationToken.None, "--token", viewer, "printers", "get", "ct-p1");

        Assert.Multiple(() =>
        {
            Assert.That(added.Exit, Is.Zero, added.ToString());
            Assert.That(listed.Row("ct-p1"), Does.Contain("MK4"));
            Assert.That(status.Exit, Is.Zero, status.ToString());
            Assert.That(status.Lines.Count(l => l.EndsWith(" yes", StringComparison.Ordinal)), Is.EqualTo(3), status.ToString());
            Assert.That(viewersWrite.Exit, Is.EqualTo(ExitCodes.Unauthorized), viewersWrite.ToString());
            Assert.That(viewersWrite.Error, Is.EqualTo("forbidden: The token 'cli-viewer' has role viewer, which may not POST /api/v1/printers." + Environment.NewLine));
            Assert.That(viaOption.Exit, Is.Zero, viaOption.ToString());
        });
    }

    [Test]
    public async Task No_token_or_a_wrong_one_exits_7_on_one_line_without_the_token()
    {
        var none = await RunAsync(token: null, "printers", "list");
        var wrongToken = TestTokens.NewToken();
        var wrong = await RunAsync(wrongToken, "jobs", "list");
        var wrongStatus = await RunAsync(wrongToken, "cluster", "status");

        Assert.Multiple(() =>
        {
            Assert.That(none.Exit, Is.EqualTo(ExitCodes.Unauthorized), none.ToString());
            Assert.That(none.Error, Does.StartWith("unauthorized: ").And.Contain("RAFT3D_TOKEN"));
            Assert.That(none.Error.Trim(), Does.Not.Contain('\n'));
            Assert.That(wrong.Exit, Is.EqualTo(ExitCodes.Unauthorized), wrong.ToString());
            Assert.That(wrong.Error.Trim(), Does.StartWith("unauthorized: ").And.Not.Contain('\n'));
            Assert.That(wrongStatus.Exit, Is.EqualTo(ExitCodes.Unauthorized), wrongStatus.ToString());
            Assert.That(wrong.ToString() + wrongStatus, Does.Not.Contain(wrongToken));
        });
    }

    [Test]
    public async Task Jobs_watch_with_a_viewer_token_follows_the_event_stream()
    {
        await RunAsync(@operator, "printers", "add", "--company", "Prusa", "--model", "MK4", "--id", "ct-w-p");
        await RunAsync(@operator, "filaments", "add", "--type", "PLA", "--color", "Red", "--total", "500", "--id", "ct-w-f");
        using var stop = new CancellationTokenSource();
        var output = new SynchronizedWriter();
        var environment = new CliEnvironment(output, output, false, new Dictionary<string, string?> { [GlobalOptions.TokenVariable] = viewer });
        var watch = CliApp.RunAsync(["--nodes", nodes, "jobs", "watch", "--interval", "0.2"], environment, stop.Token);

        await Eventually.HoldsAsync(() => Task.FromResult(output.Text.Contains("watching", StringComparison.Ordinal)), TimeSpan.FromSeconds(10), "the watch to take its first look");
        await RunAsync(@operator, "jobs", "add", "--printer", "ct-w-p", "--filament", "ct-w-f", "--file", "w.gcode", "--grams", "5", "--id", "ct-w-j");
        await Eventually.HoldsAsync(
            () => Task.FromResult(output.Text.Contains("ct-w-j created Queued", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10),
            $"a line for the new job from the event stream; got: {output.Text}");
        await stop.CancelAsync();

        Assert.That(await watch.WaitAsync(TimeSpan.FromSeconds(10)), Is.Zero, output.Text);
    }

    private static async Task<(string Name, string Role, string Token, string Sha256)> NewTokenAsync(string role, string name)
    {
        var made = await CliResult.RunAsync("http://127.0.0.1:1", "token", "new", "--role", role, "--name", name, "-o", "json");
        Assert.That(made.Exit, Is.Zero, made.ToString());
        return (made.Json.GetProperty("name").GetString()!, made.Json.GetProperty("role").GetString()!, made.Json.GetProperty("token").GetString()!, made.Json.GetProperty("sha256").GetString()!);
    }

    /// <summary>The settings token new tells an admin to paste, as the command line takes them.</summary>
    private static string[] Configured(int index, (string Name, string Role, string Token, string Sha256) made) =>
    [
        $"--Raft3D:Security:Tokens:{index}:Name={made.Name}",
        $"--Raft3D:Security:Tokens:{index}:Role={made.Role}",
        $"--Raft3D:Security:Tokens:{index}:Sha256={made.Sha256}",
    ];

    private Task<CliResult> RunAsync(string? token, params string[] args)
        => CliResult.RunAsync(
            transport: null,
            nodes,
            token is null ? new Dictionary<string, string?>() : new Dictionary<string, string?> { [GlobalOptions.TokenVariable] = token },
            CancellationToken.None,
            args);
}
