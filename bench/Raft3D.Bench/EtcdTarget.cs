using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Raft3D.Bench;

/// <summary>
/// Three etcd members on loopback, driven through etcd's HTTP JSON gateway (/v3/kv/...). With its data on disk
/// etcd fsyncs its WAL per batch; with its data on tmpfs (/dev/shm) that cost disappears, an upper reference.
/// </summary>
internal sealed class EtcdTarget(string dataRoot, bool onTmpfs, string workDirectory, HttpClient http, int portBase) : ThreeProcessTarget
{
    public override string Name => onTmpfs ? "etcd (tmpfs)" : "etcd (disk)";

    public override string Durability => onTmpfs ? "WAL on /dev/shm: fsync costs nothing (not durable)" : "WAL fsynced to disk per batch (etcd default)";

    private string InitialCluster => string.Join(',', Enumerable.Range(0, Size).Select(i => $"e{i + 1}=http://127.0.0.1:{PeerPort(i)}"));

    public override string WrkSystem => "etcd";

    public override Uri BaseUrl(int node) => new($"http://127.0.0.1:{ClientPort(node)}");

    /// <summary>A count-only range over the whole key space ("\0" to "\0"); linearizable, like every range by default.</summary>
    public override async Task<long> CountAsync(int node)
    {
        using var response = await http.PostAsync(new Uri(BaseUrl(node), "/v3/kv/range"), new StringContent("{\"key\":\"AA==\",\"range_end\":\"AA==\",\"count_only\":true}", Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        // The gateway writes int64 as a JSON string, and leaves out a count of zero.
        return answer.TryGetProperty("count", out var count) ? long.Parse(count.GetString()!, CultureInfo.InvariantCulture) : 0;
    }

    public override HttpRequestMessage Write(int node, string key)
        => new(HttpMethod.Post, $"http://127.0.0.1:{ClientPort(node)}/v3/kv/put")
        {
            Content = new StringContent($"{{\"key\":\"{Base64(key)}\",\"value\":\"{Base64(Payload.Model)}\"}}", Encoding.UTF8, "application/json"),
        };

    public override HttpRequestMessage Read(int node, string key)
        => new(HttpMethod.Post, $"http://127.0.0.1:{ClientPort(node)}/v3/kv/range")
        {
            Content = new StringContent($"{{\"key\":\"{Base64(key)}\"}}", Encoding.UTF8, "application/json"),
        };

    protected override ManagedProcess Launch(int node)
    {
        var name = $"e{node + 1}";
        string[] args =
        [
            "--name", name,
            "--data-dir", Path.Combine(dataRoot, name),
            "--listen-client-urls", $"http://127.0.0.1:{ClientPort(node)}",
            "--advertise-client-urls", $"http://127.0.0.1:{ClientPort(node)}",
            "--listen-peer-urls", $"http://127.0.0.1:{PeerPort(node)}",
            "--initial-advertise-peer-urls", $"http://127.0.0.1:{PeerPort(node)}",
            "--initial-cluster", InitialCluster,
            "--initial-cluster-state", "new",
            "--initial-cluster-token", onTmpfs ? "bench-tmpfs" : "bench-disk",
            "--log-level", "error",
        ];
        return new ManagedProcess("etcd", args, Path.Combine(workDirectory, $"{(onTmpfs ? "tmpfs" : "disk")}-{name}.log"));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(dataRoot))
        {
            Directory.Delete(dataRoot, recursive: true);
        }
    }

    protected override async Task<int?> AskForLeaderAsync(int node)
    {
        using var response = await http.PostAsync($"http://127.0.0.1:{ClientPort(node)}/v3/maintenance/status", new StringContent("{}", Encoding.UTF8, "application/json"));
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        return status.TryGetProperty("leader", out var leader) && status.GetProperty("header").GetProperty("member_id").GetString() == leader.GetString()
            ? node
            : null;
    }

    private int ClientPort(int node) => portBase + (node * 2);

    private int PeerPort(int node) => portBase + (node * 2) + 1;

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
