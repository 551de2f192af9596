using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Raft3D.Client;

/// <summary>
/// The Raft3D API over HTTP, against whichever node is alive. Requests go to the node that answered last;
/// when it cannot be reached, or answers 503, the next node is tried. Any node accepts writes (followers
/// forward them), so the first node that answers is as good as the leader.
/// </summary>
public sealed class Raft3DClient : IDisposable
{
    private readonly HttpClient http;
    private readonly IReadOnlyList<Uri> nodes;
    private readonly string? consistency;
    private int preferred;

    /// <param name="nodes">API base URLs, e.g. http://127.0.0.1:8080.</param>
    /// <param name="consistency">"local" to read without the linearizable barrier; null for the default.</param>
    /// <param name="handler">For tests; a pooled socket handler by default.</param>
    public Raft3DClient(IEnumerable<Uri> nodes, string? consistency = null, HttpMessageHandler? handler = null, TimeSpan? timeout = null)
    {
        this.nodes = [.. nodes];
        if (this.nodes.Count == 0)
        {
            throw new ArgumentException("At least one node URL is needed.", nameof(nodes));
        }

        this.consistency = consistency;
        http = new HttpClient(handler ?? new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2), UseProxy = false })
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(15),
        };
    }

    public IReadOnlyList<Uri> Nodes => nodes;

    public Task<ApiResponse<IReadOnlyList<Printer>>> ListPrintersAsync(CancellationToken token = default)
        => SendAsync<IReadOnlyList<Printer>>(HttpMethod.Get, Read("/api/v1/printers"), null, token);

    public Task<ApiResponse<Printer>> GetPrinterAsync(string id, CancellationToken token = default)
        => SendAsync<Printer>(HttpMethod.Get, Read($"/api/v1/printers/{Uri.EscapeDataString(id)}"), null, token);

    public Task<ApiResponse<Printer>> CreatePrinterAsync(NewPrinter printer, CancellationToken token = default)
        => SendAsync<Printer>(HttpMethod.Post, "/api/v1/printers", printer, token);

    public Task<ApiResponse<IReadOnlyList<Filament>>> ListFilamentsAsync(CancellationToken token = default)
        => SendAsync<IReadOnlyList<Filament>>(HttpMethod.Get, Read("/api/v1/filaments"), null, token);

    public Task<ApiResponse<Filament>> GetFilamentAsync(string id, CancellationToken token = default)
        => SendAsync<Filament>(HttpMethod.Get, Read($"/api/v1/filaments/{Uri.EscapeDataString(id)}"), null, token);

    public Task<ApiResponse<Filament>> CreateFilamentAsync(NewFilament filament, CancellationToken token = default)
        => SendAsync<Filament>(HttpMethod.Post, "/api/v1/filaments", filament, token);

    public Task<ApiResponse<IReadOnlyList<PrintJob>>> ListPrintJobsAsync(string? status = null, string? printerId = null, string? filamentId = null, CancellationToken token = default)
    {
        var query = new List<string>();
        AddQuery(query, "status", status);
        AddQuery(query, "printer_id", printerId);
        AddQuery(query, "filament_id", filamentId);
        var path = "/api/v1/print_jobs" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
        return SendAsync<IReadOnlyList<PrintJob>>(HttpMethod.Get, Read(path), null, token);
    }

    public Task<ApiResponse<PrintJob>> GetPrintJobAsync(string id, CancellationToken token = default)
        => SendAsync<PrintJob>(HttpMethod.Get, Read($"/api/v1/print_jobs/{Uri.EscapeDataString(id)}"), null, token);

    public Task<ApiResponse<PrintJob>> CreatePrintJobAsync(NewPrintJob job, CancellationToken token = default)
        => SendAsync<PrintJob>(HttpMethod.Post, "/api/v1/print_jobs", job, token);

    public Task<ApiResponse<PrintJob>> ChangePrintJobStatusAsync(string id, string status, CancellationToken token = default)
        => SendAsync<PrintJob>(HttpMethod.Post, $"/api/v1/print_jobs/{Uri.EscapeDataString(id)}/status", new { status }, token);

    public Task<ApiResponse<ClusterLeader>> GetLeaderAsync(CancellationToken token = default)
        => SendAsync<ClusterLeader>(HttpMethod.Get, "/cluster/leader", null, token);

    /// <summary>Asks one given node, with no failover: for per-node views such as <c>cluster status</c>.</summary>
    public async Task<ApiResponse<ClusterStatus>> GetClusterStatusAsync(Uri node, CancellationToken token = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node, "/cluster/status"));
        using var response = await http.SendAsync(request, token);
        return await ReadAsync<ClusterStatus>(response, node, token);
    }

    public void Dispose() => http.Dispose();

    private string Read(string path)
        => consistency is null ? path : path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "consistency=" + Uri.EscapeDataString(consistency);

    private static void AddQuery(List<string> query, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            query.Add($"{name}={Uri.EscapeDataString(value)}");
        }
    }

    private async Task<ApiResponse<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken token)
    {
        var failures = new List<string>();
        ApiResponse<T>? unavailable = null;
        var start = Volatile.Read(ref preferred);
        for (var attempt = 0; attempt < nodes.Count; attempt++)
        {
            var index = (start + attempt) % nodes.Count;
            var node = nodes[index];
            try
            {
                using var request = new HttpRequestMessage(method, new Uri(node, path));
                if (body is not null)
                {
                    request.Content = JsonContent.Create(body, options: Raft3DJson.Options);
                }

                using var response = await http.SendAsync(request, token);
                var result = await ReadAsync<T>(response, node, token);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    // No leader as seen from this node; another may see one. Writes are safe to resend: ids are.
                    unavailable = result;
                    failures.Add($"{node}: 503 {result.Problem?.Code}");
                    continue;
                }

                Volatile.Write(ref preferred, index);
                return result;
            }
            catch (HttpRequestException e)
            {
                failures.Add($"{node}: {e.Message}");
            }
            catch (TaskCanceledException e) when (!token.IsCancellationRequested)
            {
                failures.Add($"{node}: timed out ({e.Message})");
            }
        }

        return unavailable ?? throw new NoNodeReachableException($"No node answered: {string.Join("; ", failures)}");
    }

    private static async Task<ApiResponse<T>> ReadAsync<T>(HttpResponseMessage response, Uri node, CancellationToken token)
    {
        var raw = await response.Content.ReadAsStringAsync(token);
        if (response.IsSuccessStatusCode)
        {
            return new ApiResponse<T>(response.StatusCode, raw, JsonSerializer.Deserialize<T>(raw, Raft3DJson.Options), null, node);
        }

        Problem? problem;
        try
        {
            problem = raw.Length > 0 ? JsonSerializer.Deserialize<Problem>(raw, Raft3DJson.Options) : null;
        }
        catch (JsonException)
        {
            problem = null;
        }

        problem ??= new Problem(null, response.ReasonPhrase, (int)response.StatusCode, raw.Length > 0 ? raw : response.ReasonPhrase, null);
        return new ApiResponse<T>(response.StatusCode, raw, default, problem, node);
    }
}
