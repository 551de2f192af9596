using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Raft3D.Bench;

/// <summary>Three Raft3D node processes from the Release build, durable as shipped.</summary>
internal sealed class Raft3DTarget(string nodeDll, string workDirectory, HttpClient http) : IBenchTarget
{
    private const int ApiBase = 18080;
    private const int RaftBase = 19090;
    private readonly ManagedProcess?[] nodes = new ManagedProcess?[3];

    public string Name => "Raft3D";

    public string Durability => "WAL flushed to disk before every commit (as shipped)";

    public int Size => 3;

    public Task StartAsync()
    {
        for (var i = 0; i < Size; i++)
        {
            Restart(i);
        }

        return Task.CompletedTask;
    }

    public async Task<int?> LeaderAsync()
    {
        for (var i = 0; i < Size; i++)
        {
            if (nodes[i] is null)
            {
                continue;
            }

            try
            {
                var status = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{ApiBase + i}/cluster/status");
                if (status.GetProperty("leader_id").GetString() is { } leader)
                {
                    var index = int.Parse(leader.AsSpan(4), System.Globalization.CultureInfo.InvariantCulture) - 1;
                    return nodes[index] is null ? null : index;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not up, or killed.
            }
        }

        return null;
    }

    public HttpRequestMessage Write(int node, string key)
        => new(HttpMethod.Post, $"http://127.0.0.1:{ApiBase + node}/api/v1/printers")
        {
            Content = new StringContent($"{{\"id\":\"{key}\",\"company\":\"Prusa Research\",\"model\":\"{Payload.Model}\"}}", Encoding.UTF8, "application/json"),
        };

    public HttpRequestMessage Read(int node, string key)
        => new(HttpMethod.Get, $"http://127.0.0.1:{ApiBase + node}/api/v1/printers/{key}");

    public void Kill(int node)
    {
        nodes[node]?.Dispose();
        nodes[node] = null;
    }

    public void Restart(int node)
    {
        var args = new List<string>
        {
            nodeDll,
            $"--Raft3D:NodeId=node{node + 1}",
            $"--Raft3D:HttpUrl=http://127.0.0.1:{ApiBase + node}",
            $"--Raft3D:RaftUrl=http://127.0.0.1:{RaftBase + node}/",
            $"--Raft3D:DataDirectory={Path.Combine(workDirectory, $"raft3d-node{node + 1}")}",
            "--Raft3D:Logging:Console=Warning",
        };
        for (var m = 0; m < Size; m++)
        {
            args.Add($"--Raft3D:Members:{m}:Id=node{m + 1}");
            args.Add($"--Raft3D:Members:{m}:Raft=http://127.0.0.1:{RaftBase + m}/");
            args.Add($"--Raft3D:Members:{m}:Http=http://127.0.0.1:{ApiBase + m}");
        }

        // For experiments: extra node settings, e.g. RAFT3D_BENCH_NODE_ARGS="--Raft3D:Durability=DirectIo".
        args.AddRange((Environment.GetEnvironmentVariable("RAFT3D_BENCH_NODE_ARGS") ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        nodes[node] = new ManagedProcess("dotnet", args, Path.Combine(workDirectory, $"raft3d-node{node + 1}.log"));
    }

    public double ResidentMiB(int node) => nodes[node]?.ResidentMiB() ?? double.NaN;

    public ValueTask DisposeAsync()
    {
        for (var i = 0; i < Size; i++)
        {
            Kill(i);
        }

        return ValueTask.CompletedTask;
    }
}
