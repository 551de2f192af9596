using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Raft3D.Node.Configuration;

namespace Raft3D.Bench;

/// <summary>Three Raft3D node processes from the Release build, durable as shipped.</summary>
internal sealed class Raft3DTarget(string nodeDll, string workDirectory, HttpClient http) : ThreeProcessTarget
{
    private const int ApiBase = 18080;
    private const int RaftBase = 19090;

    public override string Name => "Raft3D";

    public static int ApiPort(int node) => ApiBase + node;

    public override string Durability => "entries flushed to disk on a follower before it acknowledges and on the leader before it commits (as shipped)";

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
        var commandLine = new NodeCommandLine(self.Id, self.ApiUrl, self.RaftUrl, Path.Combine(workDirectory, $"raft3d-{self.Id}"))
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
            ? int.Parse(leader.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture) - 1
            : null;
    }
}
