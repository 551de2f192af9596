using System.Diagnostics;

namespace Raft3D.Tests.Infrastructure;

/// <summary>
/// One of the run-cluster scripts (bash or PowerShell) run as a user would, against its own RAFT3D_HOME. With
/// <c>freePorts</c> its nodes take free ports (RAFT3D_API_PORT / RAFT3D_RAFT_PORT) instead of 8080 / 9090.
/// </summary>
internal sealed class ClusterScript
{
    private readonly string file;
    private readonly string[] prefix;
    private readonly string script;
    private readonly Dictionary<string, string> environment;

    public ClusterScript(string shell, bool freePorts = false)
    {
        Shell = shell;
        (file, prefix, script) = shell == "bash"
            ? ("bash", Array.Empty<string>(), "run-cluster.sh")
            : ("dotnet", new[] { "pwsh", "-NoProfile", "-File" }, "run-cluster.ps1");
        Home = Directory.CreateTempSubdirectory("raft3d-script-").FullName;
        environment = new() { ["RAFT3D_HOME"] = Home };
        if (freePorts)
        {
            // Four: room for add-node 4.
            FirstApiPort = FreePorts.NextBlock(4);
            FirstRaftPort = FreePorts.NextBlock(4);
            environment["RAFT3D_API_PORT"] = $"{FirstApiPort}";
            environment["RAFT3D_RAFT_PORT"] = $"{FirstRaftPort}";
        }
    }

    public string Shell { get; }

    public string Home { get; }

    public int FirstApiPort { get; } = 8080;

    public int FirstRaftPort { get; } = 9090;

    /// <summary>The flag that makes <c>start</c> a TLS cluster.</summary>
    public string TlsFlag => Shell == "bash" ? "--tls" : "-Tls";

    public int ApiPort(int node) => FirstApiPort - 1 + node;

    public int RaftPort(int node) => FirstRaftPort - 1 + node;

    /// <summary>Null when the shell can run here, else why not (PowerShell is a local dotnet tool).</summary>
    public async Task<string?> UnavailableReasonAsync()
    {
        if (Shell == "bash")
        {
            return null;
        }

        var probe = await ProcessRunner.RunAsync("dotnet", ["pwsh", "-NoProfile", "-Command", "exit 0"], RepositoryRoot.Path, null, TimeSpan.FromMinutes(1));
        return probe.ExitCode == 0 ? null : $"PowerShell is not installed as a local tool here (run 'dotnet tool restore'): {probe.Output}";
    }

    public Task<(int ExitCode, string Output)> RunAsync(TimeSpan timeout, params string[] args)
        => ProcessRunner.RunAsync(file, [.. prefix, Path.Combine(RepositoryRoot.Path, script), .. args], RepositoryRoot.Path, environment, timeout);

    /// <summary>The arguments of a command about node <paramref name="node"/> (add-node, remove-node).</summary>
    public string[] NodeCommand(string command, int node)
        => Shell == "bash" ? [command, $"{node}"] : [command, "-Node", $"{node}"];

    /// <summary>Node processes started from this script's home that are still alive.</summary>
    public bool HasRunningNodes() => Process.GetProcesses().Any(IsNodeOfHome);

    private bool IsNodeOfHome(Process process)
    {
        try
        {
            return File.ReadAllText($"/proc/{process.Id}/cmdline").Contains(Home, StringComparison.Ordinal);
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
