using System.Diagnostics;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Cluster;

/// <summary>
/// The README's first command, run as a user would: the script builds, starts three real node processes
/// on 8080-8082 / 9090-9092, and the seeds' flow works against a follower; stop ends exactly those processes.
/// </summary>
[TestFixture]
[Category("Scripts")]
[NonParallelizable]
public sealed class RunClusterScriptTests
{
    [TestCase("bash")]
    [TestCase("pwsh")]
    public async Task Start_gives_a_working_cluster_and_stop_ends_only_its_processes(string shell)
    {
        var script = new ClusterScript(shell);
        if (await script.UnavailableReasonAsync() is { } reason)
        {
            Assert.Ignore(reason);
        }

        using var bystander = Process.Start(new ProcessStartInfo("sleep", "300"))!;
        try
        {
            var started = await script.RunAsync(TimeSpan.FromMinutes(5), "start");
            Assert.That(started.ExitCode, Is.Zero, started.Output);
            Assert.That(started.Output, Does.Contain("leader elected").And.Contain("/swagger"));
            var leader = System.Text.RegularExpressions.Regex.Match(started.Output, "leader elected: (node\\d)").Groups[1].Value;
            var follower = new[] { "node1", "node2", "node3" }.First(n => n != leader);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{script.ApiPort(int.Parse(follower[^1..], System.Globalization.CultureInfo.InvariantCulture))}") };
            await SeedFlow.RunAsync(client);

            var status = await script.RunAsync(TimeSpan.FromMinutes(1), "status");
            Assert.That(status.Output, Does.Contain("leader"));

            // A fourth node joins, serves the farm's data, and leaves again.
            var added = await script.RunAsync(TimeSpan.FromMinutes(3), script.NodeCommand("add-node", 4));
            Assert.That(added.ExitCode, Is.Zero, added.Output);
            using (var node4 = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{script.ApiPort(4)}") })
            {
                var printers = await node4.GetStringAsync("/api/v1/printers");
                Assert.That(printers, Does.Contain("Ender3"));
            }

            var removed = await script.RunAsync(TimeSpan.FromMinutes(2), script.NodeCommand("remove-node", 4));
            Assert.That(removed.ExitCode, Is.Zero, removed.Output);
            Assert.That(removed.Output, Does.Contain("removed node4 from the cluster").And.Contain("stopped node4"));
        }
        finally
        {
            var stopped = await script.RunAsync(TimeSpan.FromMinutes(1), "stop");
            Assert.That(stopped.Output, Does.Contain("stopped node1").And.Contain("stopped node3"));
            if (shell == "bash")
            {
                // run-cluster.sh's stop returns once its nodes have exited: their ports are free for what comes next.
                Assert.That(script.HasRunningNodes(), Is.False, "a node still running when stop returned");
            }
        }

        await Eventually.HoldsAsync(() => Task.FromResult(!script.HasRunningNodes()), TimeSpan.FromSeconds(20), "every node process started by the script to exit");
        Assert.That(bystander.HasExited, Is.False, "stop must leave processes it did not start alone");
        bystander.Kill();
        Directory.Delete(script.Home, recursive: true);
    }
}
