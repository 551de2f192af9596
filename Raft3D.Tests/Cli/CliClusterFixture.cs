using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Cli;

/// <summary>
/// One real three-node cluster in the test process per fixture, and the CLI run against all its nodes, as an
/// operator's script would run it.
/// </summary>
public abstract class CliClusterFixture
{
    internal InProcessCluster Cluster { get; private set; } = null!;

    /// <summary>Every node's API URL, as --nodes takes them.</summary>
    protected string Nodes { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartCluster()
    {
        Cluster = await InProcessCluster.StartAsync();
        Nodes = string.Join(',', Cluster.Nodes.Select(n => n.ApiUrl));
    }

    [OneTimeTearDown]
    public async Task StopCluster() => await Cluster.DisposeAsync();

    internal Task<CliResult> RunAsync(params string[] args) => CliResult.RunAsync(Nodes, args);

    /// <summary>Runs the CLI and fails the test, showing its output, unless it exits 0.</summary>
    internal async Task<CliResult> SucceedsAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.That(result.Exit, Is.Zero, $"raft3d {string.Join(' ', args)}: {result}");
        return result;
    }
}
