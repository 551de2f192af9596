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
    [TestCase("bash", "run-cluster.sh")]
    [TestCase("pwsh", "run-cluster.ps1")]
    public async Task Start_gives_a_working_cluster_and_stop_ends_only_its_processes(string shell, string script)
    {
        var (file, prefix) = shell == "bash" ? ("bash", Array.Empty<string>()) : ("dotnet", new[] { "pwsh", "-NoProfile", "-File" });
        if (shell == "pwsh")
        {
            var probe = await ProcessRunner.RunAsync("dotnet", ["pwsh", "-NoProfile", "-Command", "exit 0"], RepositoryRoot.Path, null, TimeSpan.FromMinutes(1));
            if (probe.ExitCode != 0)
            {
                Assert.Ignore($"PowerShell is not installed as a local tool here (run 'dotnet tool restore'): {probe.Output}");
            }
        }

        var home = Directory.CreateTempSubdirectory("raft3d-script-").FullName;
        var environment = new Dictionary<string, string> { ["RAFT3D_HOME"] = home };
        string[] Args(string command) => [.. prefix, Path.Combine(RepositoryRoot.Path, script), command];
        using var bystander = Process.Start(new ProcessStartInfo("sleep", "300"))!;
        try
        {
            var started = await ProcessRunner.RunAsync(file, Args("start"), RepositoryRoot.Path, environment, TimeSpan.FromMinutes(5));
            Assert.That(started.ExitCode, Is.Zero, started.Output);
            Assert.That(started.Output, Does.Contain("leader elected").And.Contain("/swagger"));
            var leader = System.Text.RegularExpressions.Regex.Match(started.Output, "leader elected: (node\\d)").Groups[1].Value;
            var follower = new[] { "node1", "node2", "node3" }.First(n => n != leader);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{8079 + int.Parse(follower[^1..], System.Globalization.CultureInfo.InvariantCulture)}") };
            await SeedFlow.RunAsync(client);

            var status = await ProcessRunner.RunAsync(file, Args("status"), RepositoryRoot.Path, environment, TimeSpan.FromMinutes(1));
            Assert.That(status.Output, Does.Contain("leader"));

            // A fourth node joins, serves the farm's data, and leaves again.
            string[] NodeArgs(string command) => shell == "bash" ? [.. Args(command), "4"] : [.. Args(command), "-Node", "4"];
            var added = await ProcessRunner.RunAsync(file, NodeArgs("add-node"), RepositoryRoot.Path, environment, TimeSpan.FromMinutes(3));
            Assert.That(added.ExitCode, Is.Zero, added.Output);
            using (var node4 = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:8083") })
            {
                var printers = await node4.GetStringAsync("/api/v1/printers");
                Assert.That(printers, Does.Contain("Ender3"));
            }

            var removed = await ProcessRunner.RunAsync(file, NodeArgs("remove-node"), RepositoryRoot.Path, environment, TimeSpan.FromMinutes(2));
            Assert.That(removed.ExitCode, Is.Zero, removed.Output);
            Assert.That(removed.Output, Does.Contain("stopped node4"));
        }
        finally
        {
            var stopped = await ProcessRunner.RunAsync(file, Args("stop"), RepositoryRoot.Path, environment, TimeSpan.FromMinutes(1));
            Assert.That(stopped.Output, Does.Contain("stopped node1").And.Contain("stopped node3"));
        }

        await Eventually.HoldsAsync(
            () => Task.FromResult(!Process.GetProcesses().Any(p => IsNodeOf(p, home))),
            TimeSpan.FromSeconds(20),
            "every node process started by the script to exit");
        Assert.That(bystander.HasExited, Is.False, "stop must leave processes it did not start alone");
        bystander.Kill();
        Directory.Delete(home, recursive: true);
    }

    private static bool IsNodeOf(Process process, string home)
    {
        try
        {
            return File.ReadAllText($"/proc/{process.Id}/cmdline").Contains(home, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
