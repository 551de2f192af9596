using Raft3D.Cli;

namespace Raft3D.Tests.Cli;

/// <summary>Which nodes the CLI asks when it is not told: run-cluster.sh's three, wherever that script put them.</summary>
[TestFixture]
[Category("Fast")]
public sealed class CliNodeListTests
{
    [Test]
    public void Without_settings_it_asks_run_cluster_sh_s_default_ports()
        => Assert.That(Nodes(null, []), Is.EqualTo(new[] { "http://127.0.0.1:8080/", "http://127.0.0.1:8081/", "http://127.0.0.1:8082/" }));

    [Test]
    public void It_follows_the_api_port_run_cluster_sh_was_given()
        => Assert.That(Nodes(null, new() { ["RAFT3D_API_PORT"] = "18080" }), Is.EqualTo(new[] { "http://127.0.0.1:18080/", "http://127.0.0.1:18081/", "http://127.0.0.1:18082/" }));

    [Test]
    public void An_explicit_node_list_wins_over_the_api_port()
        => Assert.Multiple(() =>
        {
            Assert.That(Nodes("http://10.0.0.5:8080", new() { ["RAFT3D_API_PORT"] = "18080" }), Is.EqualTo(new[] { "http://10.0.0.5:8080/" }));
            Assert.That(Nodes(null, new() { ["RAFT3D_NODES"] = "http://10.0.0.6:8080", ["RAFT3D_API_PORT"] = "18080" }), Is.EqualTo(new[] { "http://10.0.0.6:8080/" }));
        });

    [Test]
    public void An_api_port_that_is_not_a_port_is_refused_with_its_name()
        => Assert.That(() => Nodes(null, new() { ["RAFT3D_API_PORT"] = "80a" }), Throws.ArgumentException.With.Message.Contains("RAFT3D_API_PORT"));

    private static string[] Nodes(string? option, Dictionary<string, string?> environment)
        => [.. GlobalOptions.ParseNodes(option, environment).Select(uri => uri.ToString())];
}
