using System.Text.Json;

namespace Raft3D.Tests.Hosts;

/// <summary>
/// The runtime settings the node's throughput and warm-up were measured with (Raft3D.Node/NodeRuntime.props) reach
/// the runtimeconfig.json every node starts with: the test clusters' and the published image's.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class NodeRuntimeSettingsTests
{
    [TestCase("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", "0", TestName = "Idle thread-pool workers block instead of spinning")]
    [TestCase("System.Runtime.TieredCompilation.CallCountingDelayMs", "0", TestName = "Hot methods are counted from their first call")]
    [TestCase("System.Runtime.TieredCompilation.CallCountThreshold", "1000", TestName = "Start-up code is not recompiled after 30 calls")]
    [TestCase("System.Runtime.TieredPGO", "false", TestName = "No instrumented tier between start and optimised code")]
    [TestCase("System.GC.Server", "false", TestName = "The workstation GC")]
    public void The_node_starts_with(string name, string expected)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Raft3D.Node.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.That(properties.TryGetProperty(name, out var value), Is.True, $"{name} is missing from the node's runtimeconfig.json");
        Assert.That(value.ToString(), Is.EqualTo(expected).IgnoreCase, name);
    }
}
