using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Raft3D.Client;
using Raft3D.Node.Hosting;

namespace Raft3D.Tests.Infrastructure;

/// <summary>
/// Real nodes in this test process: real Kestrel on free loopback ports, real DotNext HTTP Raft between them,
/// write-ahead logs and snapshots in a temp folder. Nodes can be stopped and restarted on their data.
/// </summary>
internal sealed class InProcessCluster : IAsyncDisposable
{
    private readonly Dictionary<string, WebApplication> running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HttpClient> clients = new(StringComparer.Ordinal);
    private readonly string root;
    private readonly int snapshotInterval;
    private readonly Func<string, string[]> settings;
    private readonly string? token;

    private InProcessCluster(int size, int snapshotInterval, Func<string, string[]>? settings, string? token)
    {
        this.snapshotInterval = snapshotInterval;
        this.settings = settings ?? (static _ => []);
        this.token = token;
        root = Directory.CreateTempSubdirectory("raft3d-test-").FullName;
        nodes = [.. Enumerable.Range(1, size).Select(i => new TestNode($"node{i}", FreePorts.Next(), FreePorts.Next(), Path.Combine(root, $"node{i}")))];
        foreach (var node in Nodes)
        {
            clients[node.Id] = CreateClient(node);
        }
    }

    public IReadOnlyList<TestNode> Nodes => nodes;

    private readonly List<TestNode> nodes;
    private readonly HashSet<string> joiners = new(StringComparer.Ordinal);
    private string? pendingRestore;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <param name="restoreFrom">A backup node1 is seeded from on its first start.</param>
    /// <param name="settings">More command-line settings for the node with this id, e.g. its tokens.</param>
    /// <param name="token">The bearer token <see cref="Client"/> sends, for a cluster that requires one.</param>
    public static async Task<InProcessCluster> StartAsync(
        int size = 3, int snapshotInterval = 10_000, string? restoreFrom = null, Func<string, string[]>? settings = null, string? token = null)
    {
        var cluster = new InProcessCluster(size, snapshotInterval, settings, token) { pendingRestore = restoreFrom };
        await Task.WhenAll(cluster.Nodes.Select(n => cluster.StartNodeAsync(n.Id)));
        await cluster.WaitForLeaderAsync();
        return cluster;
    }

    public HttpClient Client(string nodeId) => clients[nodeId];

    /// <summary>The typed API client (the CLI's), pinned to one node: no failover hides which node answered.</summary>
    public Raft3DClient ApiClient(string nodeId) => new([new Uri(Nodes.Single(n => n.Id == nodeId).ApiUrl)]);

    public bool IsRunning(string nodeId) => running.ContainsKey(nodeId);

    /// <summary>The running node's host, for tests that look at what it serves rather than ask it over HTTP.</summary>
    public WebApplication App(string nodeId)
    {
        lock (running)
        {
            return running[nodeId];
        }
    }

    /// <summary>Starts a new node with Raft3D:Join=true; it asks the running cluster to add it.</summary>
    public async Task<TestNode> JoinNewNodeAsync(string nodeId)
    {
        var node = new TestNode(nodeId, FreePorts.Next(), FreePorts.Next(), Path.Combine(root, nodeId));
        nodes.Add(node);
        joiners.Add(nodeId);
        clients[nodeId] = CreateClient(node);
        await StartNodeAsync(nodeId);
        return node;
    }

    public async Task StartNodeAsync(string nodeId)
    {
        var node = Nodes.Single(n => n.Id == nodeId);
        var restore = nodeId == "node1" ? Interlocked.Exchange(ref pendingRestore, null) : null;
        var args = NodeArguments.Build(node, Nodes.Where(n => !joiners.Contains(n.Id)), joiners.Contains(nodeId), snapshotInterval, restore, settings(nodeId));

        // An empty content root: the test decides every setting, not an appsettings.json lying around.
        var app = await NodeApplication.BuildAsync([.. args], contentRoot: root);
        await app.StartAsync();
        lock (running)
        {
            running[nodeId] = app;
        }
    }

    public async Task StopNodeAsync(string nodeId)
    {
        WebApplication app;
        lock (running)
        {
            app = running[nodeId];
            running.Remove(nodeId);
        }

        await app.StopAsync();
        await app.DisposeAsync();
    }

    /// <summary>Waits until every running node agrees on one leader, and returns its id.</summary>
    public async Task<string> WaitForLeaderAsync(TimeSpan? timeout = null)
        => await Eventually.ReturnsAsync(
            async () =>
            {
                var leaders = new HashSet<string?>();
                foreach (var id in running.Keys.ToList())
                {
                    var status = await StatusAsync(id);
                    leaders.Add(status.GetProperty("leader_id").GetString());
                }

                return leaders.Count == 1 && leaders.Single() is { } leader && running.ContainsKey(leader) ? leader : null;
            },
            timeout ?? TimeSpan.FromSeconds(30),
            "all running nodes to agree on a running leader");

    public async Task<JsonElement> StatusAsync(string nodeId)
        => await Client(nodeId).GetFromJsonAsync<JsonElement>("/cluster/status", Json);

    public string AFollower(string leaderId) => running.Keys.First(id => id != leaderId);

    private HttpClient CreateClient(TestNode node)
    {
        var client = new HttpClient { BaseAddress = new Uri(node.ApiUrl), Timeout = TimeSpan.FromSeconds(15) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in running.Keys.ToList())
        {
            await StopNodeAsync(id);
        }

        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test over.
        }
    }
}
