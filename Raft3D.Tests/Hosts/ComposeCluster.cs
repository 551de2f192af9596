using System.Globalization;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Hosts;

/// <summary>
/// The repository's compose.yaml, started as its own project on free published ports with the test image: three
/// containers on their own network, members named by service name. The test kills, stops, starts and recreates
/// containers; dispose tears the project down with its network and volumes.
/// </summary>
internal sealed class ComposeCluster : IFarmCluster, IAsyncDisposable
{
    private static readonly TimeSpan ComposeTimeout = TimeSpan.FromMinutes(3);

    private readonly ContainerEngine engine;
    private readonly Dictionary<string, string> environment;
    private readonly Dictionary<string, HttpClient> clients = new(StringComparer.Ordinal);
    private readonly HashSet<string> running = new(StringComparer.Ordinal);
    private readonly List<string> placeholders = [];

    private ComposeCluster(ContainerEngine engine)
    {
        this.engine = engine;
        Project = "r3dt" + Guid.NewGuid().ToString("N")[..8];
        Nodes = [.. Enumerable.Range(1, 3).Select(i => new TestNode($"node{i}", FreePorts.Next(), 9000, DataDirectory: string.Empty))];
        environment = new Dictionary<string, string> { ["RAFT3D_IMAGE"] = ContainerEngine.Image };
        for (var i = 0; i < Nodes.Count; i++)
        {
            environment[$"RAFT3D_API_PORT_{i + 1}"] = Nodes[i].ApiPort.ToString(CultureInfo.InvariantCulture);
            clients[Nodes[i].Id] = new HttpClient { BaseAddress = new Uri(Nodes[i].ApiUrl), Timeout = TimeSpan.FromSeconds(10) };
        }
    }

    /// <summary>The compose project name: every container, network and volume of this cluster carries it.</summary>
    public string Project { get; }

    public IReadOnlyList<TestNode> Nodes { get; }

    public IEnumerable<string> RunningIds => running.ToList();

    public string Network => $"{Project}_default";

    public static async Task<ComposeCluster> UpAsync(ContainerEngine engine)
    {
        var cluster = new ComposeCluster(engine);
        await cluster.ComposeAsync("up", "-d");
        foreach (var node in cluster.Nodes)
        {
            cluster.running.Add(node.Id);
        }

        await cluster.WaitForLeaderAsync(TimeSpan.FromSeconds(90));
        return cluster;
    }

    public TestNode Node(string nodeId) => Nodes.Single(n => n.Id == nodeId);

    public HttpClient Client(string nodeId) => clients[nodeId];

    /// <summary>SIGKILL to the node's process, through the engine: no shutdown code runs.</summary>
    public async Task KillAsync(string nodeId)
    {
        running.Remove(nodeId);
        await engine.RunCheckedAsync(["kill", await ContainerOfAsync(nodeId)]);
    }

    /// <summary>SIGTERM, then SIGKILL after the grace period: what <c>docker stop</c> and a rolling restart do.</summary>
    public async Task StopAsync(string nodeId)
    {
        running.Remove(nodeId);
        await engine.RunCheckedAsync(["stop", "--time", "15", await ContainerOfAsync(nodeId)], TimeSpan.FromSeconds(60));
    }

    /// <summary>Starts the stopped container on its volume and waits until it says it is ready.</summary>
    public async Task StartAsync(string nodeId)
    {
        await engine.RunCheckedAsync(["start", await ContainerOfAsync(nodeId)]);
        running.Add(nodeId);
        await WaitUntilReadyAsync(nodeId);
    }

    /// <summary>Replaces the node's container with a new one on the same volume, as an upgrade or a reschedule does.</summary>
    public async Task RecreateAsync(string nodeId)
    {
        running.Remove(nodeId);
        await ComposeAsync("up", "-d", "--force-recreate", "--no-deps", nodeId);
        running.Add(nodeId);
        await WaitUntilReadyAsync(nodeId);
    }

    /// <summary>
    /// Holds <paramref name="address"/> on the project's network with a container of the base image, so that a
    /// node recreated now must get another address.
    /// </summary>
    public async Task OccupyAddressAsync(string address)
    {
        var name = $"{Project}_placeholder{placeholders.Count}";
        await engine.RunCheckedAsync(["run", "-d", "--name", name, "--network", Network, "--ip", address, "--label", $"com.docker.compose.project={Project}", "localhost/raft3d-base:bookworm", "sleep", "600"]);
        placeholders.Add(name);
    }

    /// <summary>The node container's address on the project's network.</summary>
    public async Task<string> AddressOfAsync(string nodeId)
        => (await engine.RunCheckedAsync(["inspect", "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", await ContainerOfAsync(nodeId)])).Trim();

    /// <summary>The node container's output, or nothing once the container is gone.</summary>
    public async Task<string> LogsOfAsync(string nodeId)
        => await FindContainerAsync(nodeId) is { } container ? (await engine.RunAsync(["logs", container])).Output : string.Empty;

    /// <summary>Names of whatever of this project is still there: containers, volumes, networks (empty after a clean teardown).</summary>
    public async Task<IReadOnlyList<string>> LeftoversAsync()
    {
        var label = $"label=com.docker.compose.project={Project}";
        var containers = (await engine.RunAsync(["ps", "-a", "--filter", label, "--format", "{{.Names}}"])).Output;
        var volumes = (await engine.RunAsync(["volume", "ls", "--filter", label, "--format", "{{.Name}}"])).Output;
        var networks = (await engine.RunAsync(["network", "ls", "--format", "{{.Name}}"])).Output;
        return [.. $"{containers}\n{volumes}\n{networks}".Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(name => name.StartsWith(Project, StringComparison.Ordinal))];
    }

    /// <summary>Removes the project: containers, its network and its volumes (the test's placeholders first, or the network stays).</summary>
    public async Task DownAsync()
    {
        foreach (var placeholder in placeholders)
        {
            await engine.RunAsync(["rm", "-f", "--time", "0", placeholder]);
        }

        placeholders.Clear();
        await ComposeAsync("down", "-v");

        // podman-compose 1.0.3 leaves the project's network behind (docker compose removes it).
        if ((await engine.RunAsync(["network", "inspect", Network])).ExitCode == 0)
        {
            await engine.RunCheckedAsync(["network", "rm", Network]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (TestContext.CurrentContext.Result.FailCount > 0)
        {
            foreach (var node in Nodes)
            {
                TestContext.Out.WriteLine($"--- {node.Id} ---\n{await LogsOfAsync(node.Id)}");
            }
        }

        await DownAsync();
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }

    private async Task WaitUntilReadyAsync(string nodeId)
        => await Eventually.HoldsAsync(
            async () =>
            {
                using var response = await clients[nodeId].GetAsync("/readyz");
                return response.IsSuccessStatusCode;
            },
            TimeSpan.FromSeconds(60),
            $"{nodeId}'s container to answer /readyz");

    private async Task<string> ContainerOfAsync(string nodeId)
        => await FindContainerAsync(nodeId) ?? throw new InvalidOperationException($"{Project} has no container for {nodeId}");

    private async Task<string?> FindContainerAsync(string nodeId)
    {
        var names = await engine.RunCheckedAsync(["ps", "-a", "--filter", $"label=com.docker.compose.project={Project}", "--filter", $"label=com.docker.compose.service={nodeId}", "--format", "{{.Names}}"]);
        return names.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).SingleOrDefault();
    }

    private async Task ComposeAsync(params string[] args)
    {
        string[] command = [.. engine.Compose.Skip(1), "-p", Project, "-f", Path.Combine(RepositoryRoot.Path, "compose.yaml"), .. args];
        var (exit, output) = await ProcessRunner.RunAsync(engine.Compose[0], command, RepositoryRoot.Path, environment, ComposeTimeout);
        if (exit != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', engine.Compose)} {string.Join(' ', command)} exited {exit}: {output}");
        }
    }
}
