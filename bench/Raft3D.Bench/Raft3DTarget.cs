using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Raft3D.Node.Configuration;

namespace Raft3D.Bench;

/// <summary>Three Raft3D node processes from the Release build, durable as shipped.</summary>
internal sealed class Raft3DTarget(string nodeDll, string workDirectory, HttpClient http) : ThreeProcessTarget
{
    private static readonly int ApiBase = 18080 + BenchSettings.PortOffset;
    private static readonly int RaftBase = 19090 + BenchSettings.PortOffset;

    public override string Name => "Raft3D";

    public static int ApiPort(int node) => ApiBase + node;

    public override string Durability => "entries flushed to disk on a follower before it acknowledges and on the leader before it commits (as shipped)";

    public override string WrkSystem => "raft3d";

    public override Uri BaseUrl(int node) => new($"http://127.0.0.1:{ApiPort(node)}");

    /// <summary>Member <paramref name="node"/>'s data folder: its log, and its snapshots in <c>snapshots/</c>.</summary>
    public string DataDirectory(int node) => Path.Combine(workDirectory, $"raft3d-node{node + 1}");

    /// <summary>X-Total-Count of a one-printer page: the node counts every printer, linearizably, without listing them.</summary>
    public override async Task<long> CountAsync(int node)
    {
        using var response = await http.GetAsync(new Uri(BaseUrl(node), "/api/v1/printers?limit=1"));
        response.EnsureSuccessStatusCode();
        return long.Parse(response.Headers.GetValues("X-Total-Count").Single(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The first sample of <paramref name="metric"/> on member <paramref name="node"/>'s /metrics, labelled or not; null
    /// when the node does not export it (a gauge newer than the build under test reads as absent, not as an error).
    /// </summary>
    public async Task<double?> MetricAsync(int node, string metric)
    {
        var text = await http.GetStringAsync(new Uri(BaseUrl(node), "/metrics"));
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(metric + " ", StringComparison.Ordinal) || l.StartsWith(metric + "{", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var afterLabels = line[(line.LastIndexOf('}') is var brace and >= 0 ? brace + 1 : metric.Length)..];
        return double.Parse(afterLabels.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
    }

    public override HttpRequestMessage Write(int node, string key)
        => new(HttpMethod.Post, $"http://127.0.0.1:{ApiBase + node}/api/v1/printers")
        {
            Content = new StringContent($"{{\"id\":\"{key}\",\"company\":\"Prusa Research\",\"model\":\"{Payload.Model}\"}}", Encoding.UTF8, "application/json"),
        };

    public override HttpRequestMessage Read(int node, string key)
        => new(HttpMethod.Get, $"http://127.0.0.1:{ApiBase + node}/api/v1/printers/{key}");

    protected override ManagedProcess Launch(int node)
    {
        List<(string Id, string RaftUrl, string ApiUrl)> members = [.. Enumerable.Range(0, Size).Select(m => ($"node{m + 1}", $"http://127.0.0.1:{RaftBase + m}/", $"http://127.0.0.1:{ApiBase + m}"))];
        var self = members[node];
        var commandLine = new NodeCommandLine(self.Id, self.ApiUrl, self.RaftUrl, DataDirectory(node))
        {
            Members = members,
            // For experiments: extra node settings, e.g. RAFT3D_BENCH_NODE_ARGS="--Raft3D:Durability=DirectIo".
            Extra = (Environment.GetEnvironmentVariable("RAFT3D_BENCH_NODE_ARGS") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries),
        };
        return new ManagedProcess("dotnet", [nodeDll, .. commandLine.ToArgs()], Path.Combine(workDirectory, $"raft3d-node{node + 1}.log"));
    }

    protected override async Task<int?> AskForLeaderAsync(int node)
    {
        var status = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{ApiBase + node}/cluster/status");
        return status.GetProperty("leader_id").GetString() is { } leader
            ? int.Parse(leader.AsSpan(4), CultureInfo.InvariantCulture) - 1
            : null;
    }
}
