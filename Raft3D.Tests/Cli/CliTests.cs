using System.Text.Json;
using Raft3D.Cli;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Cli;

/// <summary>raft3d commands run in-process against a real three-node cluster, output captured.</summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class CliTests : CliClusterFixture
{
    [Test]
    public async Task The_seed_flow_runs_from_the_terminal()
    {
        Assert.That((await RunAsync("printers", "add", "--company", "Creality", "--model", "Ender3", "--id", "cli-p1")).Exit, Is.Zero);
        Assert.That((await RunAsync("filaments", "add", "--type", "pla", "--color", "Red", "--total", "1000", "--id", "cli-f1")).Exit, Is.Zero);
        var added = await RunAsync("jobs", "add", "--printer", "cli-p1", "--filament", "cli-f1", "--file", "/prints/cube.gcode", "--grams", "200", "--id", "cli-j1");
        Assert.That(added.Output, Does.Contain("cli-j1").And.Contain("Queued"));
        Assert.That((await RunAsync("jobs", "start", "cli-j1")).Output, Does.Contain("Running"));
        Assert.That((await RunAsync("jobs", "done", "cli-j1")).Output, Does.Contain("Done"));

        var spool = await RunAsync("filaments", "get", "cli-f1");
        Assert.That(spool.Output, Does.Contain("800"));
        var listed = await RunAsync("jobs", "list", "--status", "done", "--printer", "cli-p1");
        Assert.That(listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(2), "a header and one job");
        Assert.That((await RunAsync("printers", "list")).Output, Does.Contain("Ender3"));
        Assert.That((await RunAsync("filaments", "list", "--type", "PLA")).Output, Does.Contain("cli-f1"));
        Assert.That((await RunAsync("printers", "get", "cli-p1")).Output, Does.Contain("Creality"));
        Assert.That((await RunAsync("jobs", "get", "cli-j1")).Output, Does.Contain("/prints/cube.gcode"));
        Assert.That((await RunAsync("cluster", "leader")).Output, Does.Contain(await Cluster.WaitForLeaderAsync()));

        var cancel = await RunAsync("jobs", "add", "--printer", "cli-p1", "--filament", "cli-f1", "--file", "b.gcode", "--grams", "1", "--id", "cli-j2");
        Assert.That(cancel.Exit, Is.Zero);
        Assert.That((await RunAsync("jobs", "cancel", "cli-j2")).Output, Does.Contain("Canceled"));
    }

    [Test]
    public async Task Exit_codes_say_what_went_wrong_and_the_problem_is_one_line_on_stderr()
    {
        await RunAsync("printers", "add", "--company", "Prusa", "--model", "MK4", "--id", "ex-p");
        var conflict = await RunAsync("printers", "add", "--company", "Prusa", "--model", "XL", "--id", "ex-p");
        var invalid = await RunAsync("filaments", "add", "--type", "wood", "--color", "x", "--total", "5");
        var badArgs = await RunAsync("printers", "add", "--company", "Prusa");
        var notFound = await RunAsync("jobs", "get", "ex-missing");
        var unreachable = await RunWithNodesAsync("http://127.0.0.1:1", "printers", "list");

        Assert.Multiple(() =>
        {
            Assert.That(conflict.Exit, Is.EqualTo(ExitCodes.Rejected));
            Assert.That(conflict.Error.Trim(), Does.StartWith("duplicate_id: ").And.Not.Contain('\n'));
            Assert.That(conflict.Output, Is.Empty, "nothing partial on stdout");
            Assert.That(invalid.Exit, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(invalid.Error, Does.StartWith("validation_failed: "));
            Assert.That(badArgs.Exit, Is.EqualTo(ExitCodes.InvalidInput));
            Assert.That(badArgs.Error, Does.Contain("--model"));
            Assert.That(notFound.Exit, Is.EqualTo(ExitCodes.NotFound));
            Assert.That(notFound.Error, Does.StartWith("not_found: "));
            Assert.That(unreachable.Exit, Is.EqualTo(ExitCodes.Unavailable));
            Assert.That(unreachable.Error, Does.StartWith("unreachable: "));
        });
    }

    [Test]
    public async Task Json_output_is_exactly_the_APIs_json()
    {
        await RunAsync("printers", "add", "--company", "Bambu", "--model", "X1C", "--id", "json-p");
        var cli = await RunAsync("printers", "get", "json-p", "-o", "json");
        using var api = await Cluster.Client(Cluster.Nodes[1].Id).GetAsync("/api/v1/printers/json-p");
        var apiJson = await api.Content.ReadAsStringAsync();
        Assert.That(cli.Output.Trim(), Is.EqualTo(apiJson));

        var list = await RunAsync("jobs", "list", "-o", "json");
        Assert.That(JsonDocument.Parse(list.Output).RootElement.ValueKind, Is.EqualTo(JsonValueKind.Array));
        var status = await RunAsync("cluster", "status", "-o", "json");
        Assert.That(JsonDocument.Parse(status.Output).RootElement.GetArrayLength(), Is.EqualTo(3));
    }

    [Test]
    public async Task Help_shows_an_example_and_the_exit_codes()
    {
        var help = await RunAsync("--help");
        var jobsAdd = await RunAsync("jobs", "add", "--help");
        Assert.Multiple(() =>
        {
            Assert.That(help.Exit, Is.Zero);
            Assert.That(help.Output, Does.Contain("Example:").And.Contain("Exit codes: 0 success"));
            Assert.That(jobsAdd.Output, Does.Contain("Example: raft3d jobs add"));
        });
    }

    [Test]
    public async Task Jobs_watch_prints_one_line_per_change()
    {
        await RunAsync("printers", "add", "--company", "Prusa", "--model", "MK4", "--id", "w-p");
        await RunAsync("filaments", "add", "--type", "ABS", "--color", "Black", "--total", "500", "--id", "w-f");
        await RunAsync("jobs", "add", "--printer", "w-p", "--filament", "w-f", "--file", "w.gcode", "--grams", "5", "--id", "w-j");
        using var stop = new CancellationTokenSource();
        var output = new SynchronizedWriter();
        var environment = new CliEnvironment(output, output, false, new Dictionary<string, string?>());
        var watch = CliApp.RunAsync(["--nodes", Nodes, "jobs", "watch", "--interval", "0.2"], environment, stop.Token);

        await Eventually.HoldsAsync(() => Task.FromResult(output.Text.Contains("watching", StringComparison.Ordinal)), TimeSpan.FromSeconds(10), "the watch to take its first look");
        await RunAsync("jobs", "start", "w-j");
        await RunAsync("jobs", "add", "--printer", "w-p", "--filament", "w-f", "--file", "w2.gcode", "--grams", "5", "--id", "w-j2");
        await Eventually.HoldsAsync(
            () => Task.FromResult(output.Text.Contains("w-j Queued -> Running", StringComparison.Ordinal) && output.Text.Contains("w-j2 created Queued", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10),
            "a line for the status change and one for the new job");
        await stop.CancelAsync();
        Assert.That(await watch.WaitAsync(TimeSpan.FromSeconds(10)), Is.Zero);
    }

    [Test]
    public async Task Cluster_status_shows_a_stopped_node_as_unreachable_and_commands_fail_over()
    {
        // A cluster of its own: this test stops a node.
        await using var own = await InProcessCluster.StartAsync();
        var ownNodes = string.Join(',', own.Nodes.Select(n => n.ApiUrl));
        var first = own.Nodes[0].Id;
        Assert.That((await RunWithNodesAsync(ownNodes, "printers", "add", "--company", "Prusa", "--model", "MK4", "--id", "fo-p")).Exit, Is.Zero);

        await own.StopNodeAsync(first);
        await own.WaitForLeaderAsync();
        var status = await RunWithNodesAsync(ownNodes, "cluster", "status");
        var afterFailover = await RunWithNodesAsync(ownNodes, "printers", "get", "fo-p");
        var write = await RunWithNodesAsync(ownNodes, "printers", "add", "--company", "Prusa", "--model", "XL", "--id", "fo-p2");
        Assert.Multiple(() =>
        {
            Assert.That(status.Exit, Is.Zero);
            Assert.That(status.Output.Split('\n').Single(l => l.StartsWith(own.Nodes[0].ApiUrl, StringComparison.Ordinal)), Does.Contain("no:"));
            Assert.That(status.Output, Does.Contain("leader"));
            Assert.That(afterFailover.Exit, Is.Zero, afterFailover.Error);
            Assert.That(afterFailover.Output, Does.Contain("fo-p"));
            Assert.That(write.Exit, Is.Zero, write.Error);
        });
    }

    [Test]
    public async Task The_built_binary_runs_as_a_process()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "raft3d.dll");
        var environment = new Dictionary<string, string> { ["RAFT3D_NODES"] = Nodes };
        var (exit, output) = await ProcessRunner.RunAsync("dotnet", [dll, "cluster", "status", "-o", "json"], AppContext.BaseDirectory, environment, TimeSpan.FromSeconds(60));
        Assert.That(exit, Is.Zero, output);
        var rows = JsonDocument.Parse(output).RootElement;
        Assert.That(rows.EnumerateArray().Count(r => r.GetProperty("reachable").GetBoolean()), Is.EqualTo(3));
    }

    private static Task<CliResult> RunWithNodesAsync(string nodeList, params string[] args) => CliResult.RunAsync(nodeList, args);
}
