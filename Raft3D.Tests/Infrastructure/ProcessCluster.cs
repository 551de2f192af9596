using System.Diagnostics;

namespace Raft3D.Tests.Infrastructure;

/// <summary>
/// Real node processes of the built Raft3D.Node binary, each with its own data folder and ports, that a test
/// can SIGKILL, restart on the same data, or freeze (SIGSTOP) and thaw (SIGCONT).
/// </summary>
internal sealed class ProcessCluster : IFarmCluster, IAsyncDisposable
{
    private readonly Dictionary<string, Process> running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HttpClient> clients = new(StringComparer.Ordinal);
    private readonly string root;
    private readonly int snapshotInterval;
    private readonly string[] extraArgs;
    private readonly Dictionary<string, IReadOnlyList<string>> launchPrefixes;

    private ProcessCluster(int size, int snapshotInterval, bool distinctHosts, string[] extraArgs, string? token = null, IReadOnlyList<NodeHost>? hosts = null)
    {
        this.snapshotInterval = snapshotInterval;
        this.extraArgs = extraArgs;
        root = Directory.CreateTempSubdirectory("raft3d-faults-").FullName;

        // Distinct loopback addresses let iptables cut one node off from the others by address.
        Nodes = hosts is null
            ? [.. Enumerable.Range(1, size).Select(i => new TestNode(
                $"node{i}", FreePorts.Next(), FreePorts.Next(), Path.Combine(root, $"node{i}"), distinctHosts ? $"127.0.0.{10 + i}" : "127.0.0.1"))]
            : [.. hosts.Select((host, i) => new TestNode($"node{i + 1}", host.ApiPort, host.RaftPort, Path.Combine(root, $"node{i + 1}"), host.Address))];
        launchPrefixes = Nodes.Zip(hosts ?? []).ToDictionary(pair => pair.First.Id, pair => pair.Second.LaunchPrefix, StringComparer.Ordinal);
        foreach (var node in Nodes)
        {
            clients[node.Id] = new HttpClient { BaseAddress = new Uri(node.ApiUrl), Timeout = TimeSpan.FromSeconds(10) };
            if (token is not null)
            {
                clients[node.Id].DefaultRequestHeaders.Authorization = new("Bearer", token);
            }
        }
    }

    public IReadOnlyList<TestNode> Nodes { get; }

    public static string NodeBinary => Path.Combine(AppContext.BaseDirectory, "Raft3D.Node.dll");

    public static async Task<ProcessCluster> StartAsync(int size = 3, int snapshotInterval = 10_000, bool distinctHosts = false, params string[] extraArgs)
    {
        var cluster = new ProcessCluster(size, snapshotInterval, distinctHosts, extraArgs);
        await cluster.StartAllAsync();
        return cluster;
    }

    /// <summary>One node on each of <paramref name="hosts"/>, started through the host's launch prefix and listening on its address.</summary>
    public static async Task<ProcessCluster> StartOnHostsAsync(IReadOnlyList<NodeHost> hosts, params string[] extraArgs)
    {
        var cluster = new ProcessCluster(hosts.Count, 10_000, distinctHosts: false, extraArgs, hosts: hosts);
        await cluster.StartAllAsync();
        return cluster;
    }

    /// <summary>Three nodes that require tokens (<paramref name="settings"/> configures them); <see cref="Client"/> sends <paramref name="token"/>.</summary>
    public static async Task<ProcessCluster> StartRequiringTokensAsync(string token, params string[] settings)
    {
        var cluster = new ProcessCluster(3, 10_000, distinctHosts: false, settings, token);
        await cluster.StartAllAsync();
        return cluster;
    }

    /// <summary>The HTTP client of one node; it sends the cluster's token, if it requires one.</summary>
    public HttpClient Client(string nodeId) => clients[nodeId];

    public TestNode Node(string nodeId) => Nodes.Single(n => n.Id == nodeId);

    public IEnumerable<string> RunningIds => running.Keys.ToList();

    public bool IsRunning(string nodeId) => running.ContainsKey(nodeId);

    public void Start(string nodeId)
    {
        var node = Node(nodeId);
        Directory.CreateDirectory(node.DataDirectory);
        string[] command = [.. launchPrefixes.GetValueOrDefault(nodeId, []), "dotnet", NodeBinary, .. NodeArguments.Build(node, Nodes, join: false, snapshotInterval, restoreFrom: null, extraArgs)];
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in command.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var log = new StreamWriter(Path.Combine(root, $"{nodeId}.out"), append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => WriteLine(log, e.Data);
        process.ErrorDataReceived += (_, e) => WriteLine(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => log.Dispose();
        running[nodeId] = process;
    }

    private async Task StartAllAsync()
    {
        foreach (var node in Nodes)
        {
            Start(node.Id);
        }

        await this.WaitForLeaderAsync();
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a power cut to the process.</summary>
    public void Kill(string nodeId)
    {
        var process = running[nodeId];
        running.Remove(nodeId);
        process.Kill();
        process.WaitForExit();
        process.Dispose();
    }

    public void Pause(string nodeId) => Signal(nodeId, "STOP");

    public void Resume(string nodeId) => Signal(nodeId, "CONT");

    public string OutputOf(string nodeId)
    {
        var file = Path.Combine(root, $"{nodeId}.out");
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>Waits for a started process to exit by itself (e.g. refusing to start) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(string nodeId, TimeSpan timeout)
    {
        var process = running[nodeId];
        await process.WaitForExitAsync().WaitAsync(timeout);
        running.Remove(nodeId);
        return process.ExitCode;
    }

    /// <summary>One unlabelled series from a node's /metrics; 0 if it is absent.</summary>
    public async Task<double> MetricAsync(string nodeId, string metric)
    {
        var text = await Client(nodeId).GetStringAsync("/metrics");
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(metric + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(metric.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public long DataDirectoryBytes(string nodeId)
        => Directory.EnumerateFiles(Node(nodeId).DataDirectory, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    public async ValueTask DisposeAsync()
    {
        foreach (var id in RunningIds)
        {
            Signal(id, "CONT");
            Kill(id);
        }

        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        await Task.Yield();
        if (TestContext.CurrentContext.Result.FailCount == 0)
        {
            Directory.Delete(root, recursive: true);
        }
        else
        {
            TestContext.Out.WriteLine($"Node output and data kept in {root}");
        }
    }

    private void Signal(string nodeId, string signal)
    {
        if (running.TryGetValue(nodeId, out var process))
        {
            using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }
    }

    private static void WriteLine(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        try
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
        catch (ObjectDisposedException)
        {
            // The process exited while its last lines were in flight.
        }
    }
}
