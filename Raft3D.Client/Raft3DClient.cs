using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
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
        => ListPrintersAsync(state: null, limit: null, token);

    /// <param name="state">Only printers in this state: Idle, Printing or Maintenance; null for all.</param>
    /// <param name="limit">Page size (1 to 1000): the answer is the first page, see <see cref="NextPageAsync{T}"/>. Null: the whole list.</param>
    public Task<ApiResponse<IReadOnlyList<Printer>>> ListPrintersAsync(string? state, int? limit = null, CancellationToken token = default)
        => SendAsync<IReadOnlyList<Printer>>(HttpMethod.Get, Read(WithQuery("/api/v1/printers", ("state", state), Limit(limit))), null, null, token);

    public Task<ApiResponse<Printer>> GetPrinterAsync(string id, CancellationToken token = default)
        => SendAsync<Printer>(HttpMethod.Get, Read(PrinterPath(id)), null, null, token);

    public Task<ApiResponse<Printer>> CreatePrinterAsync(NewPrinter printer, CancellationToken token = default)
        => SendAsync<Printer>(HttpMethod.Post, "/api/v1/printers", printer, null, token);

    /// <summary>Changes a printer's company or model; the fields left null stay as they are.</summary>
    /// <param name="ifMatch">The printer's version as read; if it has changed since, 412 version_mismatch and nothing is written.</param>
    public Task<ApiResponse<Printer>> EditPrinterAsync(string id, PrinterPatch patch, long? ifMatch = null, CancellationToken token = default)
        => SendAsync<Printer>(HttpMethod.Patch, PrinterPath(id), patch, ifMatch, token);

    /// <summary>Deletes a printer with no Queued or Running job (409 printer_has_open_jobs otherwise); 204 again if already deleted.</summary>
    public Task<ApiResponse<NoContent>> DeletePrinterAsync(string id, long? ifMatch = null, CancellationToken token = default)
        => SendAsync<NoContent>(HttpMethod.Delete, PrinterPath(id), null, ifMatch, token);

    /// <summary>Takes a printer out of service (<paramref name="inMaintenance"/> true: it starts no job) or back in.</summary>
    /// <param name="ifMatch">The printer's version as read.</param>
    public Task<ApiResponse<Printer>> SetPrinterMaintenanceAsync(string id, bool inMaintenance, long? ifMatch = null, CancellationToken token = default)
        => SendAsync<Printer>(inMaintenance ? HttpMethod.Post : HttpMethod.Delete, PrinterPath(id) + "/maintenance", null, ifMatch, token);

    /// <summary>Starts the job at the head of the printer's queue; the answer is that job, now Running.</summary>
    /// <param name="ifMatch">The printer's version as read.</param>
    public Task<ApiResponse<PrintJob>> DispatchPrinterAsync(string id, long? ifMatch = null, CancellationToken token = default)
        => SendAsync<PrintJob>(HttpMethod.Post, PrinterPath(id) + "/dispatch", null, ifMatch, token);

    public Task<ApiResponse<IReadOnlyList<Filament>>> ListFilamentsAsync(CancellationToken token = default)
        => ListFilamentsAsync(includeArchived: false, limit: null, token);

    /// <param name="includeArchived">Also list archived spools.</param>
    /// <param name="limit">Page size (1 to 1000): the answer is the first page, see <see cref="NextPageAsync{T}"/>. Null: the whole list.</param>
    public Task<ApiResponse<IReadOnlyList<Filament>>> ListFilamentsAsync(bool includeArchived, int? limit = null, CancellationToken token = default)
        => SendAsync<IReadOnlyList<Filament>>(HttpMethod.Get, Read(WithQuery("/api/v1/filaments", ("include_archived", includeArchived ? "true" : null), Limit(limit))), null, null, token);

    public Task<ApiResponse<Filament>> GetFilamentAsync(string id, CancellationToken token = default)
        => SendAsync<Filament>(HttpMethod.Get, Read(FilamentPath(id)), null, null, token);

    public Task<ApiResponse<Filament>> CreateFilamentAsync(NewFilament filament, CancellationToken token = default)
        => SendAsync<Filament>(HttpMethod.Post, "/api/v1/filaments", filament, null, token);

    /// <summary>Changes a spool's type or colour; the fields left null stay as they are.</summary>
    /// <param name="ifMatch">The spool's version as read.</param>
    public Task<ApiResponse<Filament>> EditFilamentAsync(string id, FilamentPatch patch, long? ifMatch = null, CancellationToken token = default)
        => SendAsync<Filament>(HttpMethod.Patch, FilamentPath(id), patch, ifMatch, token);

    /// <summary>Archives a spool (DELETE): it is kept, takes no new job, and is listed only when asked. 409 filament_has_open_jobs while jobs hold it.</summary>
    /// <param name="ifMatch">The spool's version as read.</param>
    public Task<ApiResponse<NoContent>> ArchiveFilamentAsync(string id, long? ifMatch = null, CancellationToken token = default)
        => SendAsync<NoContent>(HttpMethod.Delete, FilamentPath(id), null, ifMatch, token);

    public Task<ApiResponse<IReadOnlyList<PrintJob>>> ListPrintJobsAsync(string? status = null, string? printerId = null, string? filamentId = null, CancellationToken token = default)
        => ListPrintJobsAsync(new PrintJobQuery(status, printerId, filamentId), limit: null, token);

    /// <param name="limit">Page size (1 to 1000): the answer is the first page, see <see cref="NextPageAsync{T}"/>. Null: the whole list.</param>
    public Task<ApiResponse<IReadOnlyList<PrintJob>>> ListPrintJobsAsync(PrintJobQuery query, int? limit = null, CancellationToken token = default)
    {
        var path = WithQuery(
            "/api/v1/print_jobs",
            ("status", query.Status),
            ("printer_id", query.PrinterId),
            ("filament_id", query.FilamentId),
            ("unassigned", query.Unassigned ? "true" : null),
            Limit(limit));
        return SendAsync<IReadOnlyList<PrintJob>>(HttpMethod.Get, Read(path), null, null, token);
    }

    public Task<ApiResponse<PrintJob>> GetPrintJobAsync(string id, CancellationToken token = default)
        => SendAsync<PrintJob>(HttpMethod.Get, Read(PrintJobPath(id)), null, null, token);

    public Task<ApiResponse<PrintJob>> CreatePrintJobAsync(NewPrintJob job, CancellationToken token = default)
        => SendAsync<PrintJob>(HttpMethod.Post, "/api/v1/print_jobs", job, null, token);

    public Task<ApiResponse<PrintJob>> ChangePrintJobStatusAsync(string id, string status, CancellationToken token = default)
        => ChangePrintJobStatusAsync(id, status, ifMatch: null, token);

    /// <param name="ifMatch">The job's version as read; if it has changed since, 412 version_mismatch and nothing is written.</param>
    public Task<ApiResponse<PrintJob>> ChangePrintJobStatusAsync(string id, string status, long? ifMatch, CancellationToken token = default)
        => SendAsync<PrintJob>(HttpMethod.Post, PrintJobPath(id) + "/status", new { status }, ifMatch, token);

    /// <summary>Puts a Queued job at the tail of a printer's queue; its own printer again is a no-op that keeps its place.</summary>
    /// <param name="ifMatch">The job's version as read.</param>
    public Task<ApiResponse<PrintJob>> AssignPrintJobAsync(string id, string printerId, long? ifMatch = null, CancellationToken token = default)
        => SendAsync<PrintJob>(HttpMethod.Post, PrintJobPath(id) + "/assign", new { printerId }, ifMatch, token);

    /// <summary>Reports how far a Running job is (0 to 100); a value at or below the current one is a no-op.</summary>
    /// <param name="ifMatch">The job's version as read.</param>
    public Task<ApiResponse<PrintJob>> ReportPrintJobProgressAsync(string id, int percent, long? ifMatch = null, CancellationToken token = default)
        => SendAsync<PrintJob>(HttpMethod.Post, PrintJobPath(id) + "/progress", new { percent }, ifMatch, token);

    /// <summary>Changes a Queued job's file or weight; the fields left null stay as they are.</summary>
    /// <param name="ifMatch">The job's version as read.</param>
    public Task<ApiResponse<PrintJob>> EditPrintJobAsync(string id, PrintJobPatch patch, long? ifMatch = null, CancellationToken token = default)
        => SendAsync<PrintJob>(HttpMethod.Patch, PrintJobPath(id), patch, ifMatch, token);

    /// <summary>The page after <paramref name="page"/>, from its Link rel="next"; <paramref name="page"/> must have one.</summary>
    public Task<ApiResponse<IReadOnlyList<T>>> NextPageAsync<T>(ApiResponse<IReadOnlyList<T>> page, CancellationToken token = default)
        => page.NextPage is { } next
            ? SendAsync<IReadOnlyList<T>>(HttpMethod.Get, next, null, null, token)
            : throw new InvalidOperationException("This page is the last one: it has no Link rel=\"next\".");

    /// <summary>
    /// Follows Link rel="next" from <paramref name="first"/> to the last page and answers with every entity in
    /// one list (<see cref="ApiResponse{T}.RawJson"/> one JSON array of the API's objects). The first failing
    /// page's answer is returned as it is. Pages are separate reads: entities added meanwhile may or may not appear,
    /// but none is listed twice or skipped, since a cursor is a position in creation order.
    /// </summary>
    public async Task<ApiResponse<IReadOnlyList<T>>> AllPagesAsync<T>(ApiResponse<IReadOnlyList<T>> first, CancellationToken token = default)
    {
        if (!first.IsSuccess || first.NextPage is null)
        {
            return first;
        }

        var items = new List<T>(first.Value!);
        var raw = new List<string>(ElementsOf(first.RawJson));
        var page = first;
        while (page.NextPage is not null)
        {
            page = await NextPageAsync(page, token);
            if (!page.IsSuccess)
            {
                return page;
            }

            items.AddRange(page.Value!);
            raw.AddRange(ElementsOf(page.RawJson));
        }

        return page with { Value = items, RawJson = "[" + string.Join(',', raw) + "]", NextPage = null };
    }

    public Task<ApiResponse<ClusterLeader>> GetLeaderAsync(CancellationToken token = default)
        => SendAsync<ClusterLeader>(HttpMethod.Get, "/cluster/leader", null, null, token);

    /// <summary>Asks one given node, with no failover: for per-node views such as <c>cluster status</c>.</summary>
    public async Task<ApiResponse<ClusterStatus>> GetClusterStatusAsync(Uri node, CancellationToken token = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node, "/cluster/status"));
        using var response = await http.SendAsync(request, token);
        return await ReadAsync<ClusterStatus>(response, node, token);
    }

    public void Dispose() => http.Dispose();

    /// <summary>The ETag of a version, as the API sends it: strong and quoted.</summary>
    private static string EntityTag(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    private string Read(string path)
        => consistency is null ? path : path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "consistency=" + Uri.EscapeDataString(consistency);

    /// <summary>A page's objects as the API wrote them, so that every page joined is still the API's JSON.</summary>
    private static List<string> ElementsOf(string rawArray)
    {
        using var document = JsonDocument.Parse(rawArray);
        return [.. document.RootElement.EnumerateArray().Select(e => e.GetRawText())];
    }

    private static string PrinterPath(string id) => $"/api/v1/printers/{Uri.EscapeDataString(id)}";

    private static string FilamentPath(string id) => $"/api/v1/filaments/{Uri.EscapeDataString(id)}";

    private static string PrintJobPath(string id) => $"/api/v1/print_jobs/{Uri.EscapeDataString(id)}";

    private static (string Name, string? Value) Limit(int? limit)
        => ("limit", limit?.ToString(CultureInfo.InvariantCulture));

    private static string WithQuery(string path, params (string Name, string? Value)[] parameters)
    {
        var query = parameters
            .Where(p => !string.IsNullOrWhiteSpace(p.Value))
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}")
            .ToList();
        return query.Count > 0 ? path + "?" + string.Join('&', query) : path;
    }

    /// <param name="ifMatch">A version for If-Match: the node writes only if the entity is still at it (else 412).</param>
    private async Task<ApiResponse<T>> SendAsync<T>(HttpMethod method, string path, object? body, long? ifMatch, CancellationToken token)
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

                if (ifMatch is { } version)
                {
                    request.Headers.IfMatch.Add(new EntityTagHeaderValue(EntityTag(version)));
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
            // A 204 (delete, archive) has no body to parse.
            var value = raw.Length > 0 ? JsonSerializer.Deserialize<T>(raw, Raft3DJson.Options) : default;
            return new ApiResponse<T>(response.StatusCode, raw, value, null, node)
            {
                NextPage = response.Headers.TryGetValues("Link", out var links) ? LinkHeader.FindNext(links) : null,
                TotalCount = response.Headers.TryGetValues("X-Total-Count", out var totals)
                    && long.TryParse(totals.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var total)
                        ? total
                        : null,
            };
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
