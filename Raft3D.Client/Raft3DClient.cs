using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Raft3D.Client;

/// <summary>
/// The Raft3D API over HTTP, against whichever node is alive. Requests go to the node that answered last;
/// when it cannot be reached, or answers 503, the next node is tried. Any node accepts writes (followers
/// forward them), so the first node that answers is as good as the leader. Every write carries an
/// Idempotency-Key (the caller's, else a new one per call), the same on each node tried, so that failover
/// never applies a write twice. Any other answer is returned as it is, without trying further: a 401 or 403 in
/// particular, since a token that is missing, wrong or too weak is so on every node.
/// </summary>
public sealed class Raft3DClient : IDisposable
{
    private const string IdempotencyKeyHeader = "Idempotency-Key";
    private const string ReplayedHeader = "Idempotent-Replayed";
    private const string ExportIndexHeader = "X-Raft3D-Export-Index";

    private readonly HttpClient http;
    private readonly IReadOnlyList<Uri> nodes;
    private readonly string? consistency;
    private int preferred;

    /// <param name="nodes">API base URLs, e.g. http://127.0.0.1:8080.</param>
    /// <param name="consistency">"local" to read without the linearizable barrier; null for the default.</param>
    /// <param name="handler">For tests; a pooled socket handler by default.</param>
    public Raft3DClient(IEnumerable<Uri> nodes, string? consistency = null, HttpMessageHandler? handler = null, TimeSpan? timeout = null)
        : this(nodes, new Raft3DClientOptions { Consistency = consistency, Handler = handler, Timeout = timeout })
    {
    }

    /// <param name="nodes">API base URLs, e.g. http://127.0.0.1:8080 or https://node1.farm:8080.</param>
    /// <param name="options">Consistency, the bearer token, the CA file to trust.</param>
    /// <exception cref="ArgumentException">No node, a token a header cannot carry, or a CA file that cannot be read.</exception>
    public Raft3DClient(IEnumerable<Uri> nodes, Raft3DClientOptions options)
    {
        this.nodes = [.. nodes];
        if (this.nodes.Count == 0)
        {
            throw new ArgumentException("At least one node URL is needed.", nameof(nodes));
        }

        if (options.CaCertificateFile is not null && options.Handler is not null)
        {
            throw new ArgumentException("A CA certificate file applies to the client's own handler, not to one passed in.", nameof(options));
        }

        consistency = options.Consistency;
        var authorization = options.BearerToken is { } bearer ? BearerToken.Header(bearer) : null;
        http = new HttpClient(options.Handler ?? CreateHandler(options.CaCertificateFile))
        {
            Timeout = options.Timeout ?? TimeSpan.FromSeconds(15),
        };

        // On the HttpClient itself, so every request carries it: each call, each failover try, and the event
        // stream's follower, which shares this HttpClient.
        http.DefaultRequestHeaders.Authorization = authorization;
    }

    public IReadOnlyList<Uri> Nodes => nodes;

    public Task<ApiResponse<IReadOnlyList<Printer>>> ListPrintersAsync(CancellationToken token = default)
        => ListPrintersAsync(state: null, limit: null, token);

    /// <param name="state">Only printers in this state: Idle, Printing or Maintenance; null for all.</param>
    /// <param name="limit">Page size (1 to 1000): the answer is the first page, see <see cref="NextPageAsync{T}"/>. Null: the whole list.</param>
    public Task<ApiResponse<IReadOnlyList<Printer>>> ListPrintersAsync(string? state, int? limit = null, CancellationToken token = default)
        => GetAsync<IReadOnlyList<Printer>>(WithQuery("/api/v1/printers", ("state", state), Limit(limit)), token);

    public Task<ApiResponse<Printer>> GetPrinterAsync(string id, CancellationToken token = default)
        => GetAsync<Printer>(PrinterPath(id), token);

    public Task<ApiResponse<Printer>> CreatePrinterAsync(NewPrinter printer, CancellationToken token = default)
        => CreatePrinterAsync(printer, idempotencyKey: null, token);

    /// <param name="idempotencyKey">See <see cref="IdempotencyKeys"/>; null: a new key for this call, the same on every node tried.</param>
    public Task<ApiResponse<Printer>> CreatePrinterAsync(NewPrinter printer, string? idempotencyKey, CancellationToken token = default)
        => WriteAsync<Printer>(HttpMethod.Post, "/api/v1/printers", printer, ifMatch: null, idempotencyKey, token);

    /// <summary>Changes a printer's company or model; the fields left null stay as they are.</summary>
    /// <param name="ifMatch">The printer's version as read; if it has changed since, 412 version_mismatch and nothing is written.</param>
    public Task<ApiResponse<Printer>> EditPrinterAsync(string id, PrinterPatch patch, long? ifMatch = null, CancellationToken token = default)
        => EditPrinterAsync(id, patch, ifMatch, idempotencyKey: null, token);

    /// <inheritdoc cref="EditPrinterAsync(string, PrinterPatch, long?, CancellationToken)"/>
    /// <param name="idempotencyKey">See <see cref="IdempotencyKeys"/>; null: a new key for this call, the same on every node tried.</param>
    public Task<ApiResponse<Printer>> EditPrinterAsync(string id, PrinterPatch patch, long? ifMatch, string? idempotencyKey, CancellationToken token = default)
        => WriteAsync<Printer>(HttpMethod.Patch, PrinterPath(id), patch, ifMatch, idempotencyKey, token);

    /// <summary>Deletes a printer with no Queued or Running job (409 printer_has_open_jobs otherwise); 204 again if already deleted.</summary>
    public Task<ApiResponse<NoContent>> DeletePrinterAsync(string id, long? ifMatch = null, CancellationToken token = default)
        => DeletePrinterAsync(id, ifMatch, idempotencyKey: null, token);

    /// <inheritdoc cref="DeletePrinterAsync(string, long?, CancellationToken)"/>
    /// <param name="idempotencyKey">See <see cref="IdempotencyKeys"/>; null: a new key for this call, the same on every node tried.</param>
    public Task<ApiResponse<NoContent>> DeletePrinterAsync(string id, long? ifMatch, string? idempotencyKey, CancellationToken token = default)
        => WriteAsync<NoContent>(HttpMethod.Delete, PrinterPath(id), null, ifMatch, idempotencyKey, token);

    /// <summary>Takes a printer out of service (<paramref name="inMaintenance"/> true: it starts no job) or back in.</summary>
    /// <param name="ifMatch">The printer's version as read.</param>
    public Task<ApiResponse<Printer>> SetPrinterMaintenanceAsync(string id, bool inMaintenance, long? ifMatch = null, CancellationToken token = default)
        => SetPrinterMaintenanceAsync(id, inMaintenance, ifMatch, idempotencyKey: null, token);

    /// <inheritdoc cref="SetPrinterMaintenanceAsync(string, bool, long?, CancellationToken)"/>
    /// <param name="idempotencyKey">See <see cref="IdempotencyKeys"/>; null: a new key for this call, the same on every node tried.</param>
    public Task<ApiResponse<Printer>> SetPrinterMaintenanceAsync(string id, bool inMaintenance, long? ifMatch, string? idempotencyKey, CancellationToken token = default)
        => WriteAsync<Printer>(inMaintenance ? HttpMethod.Post : HttpMethod.Delete, PrinterPath(id) + "/maintenance", null, ifMatch, idempotencyKey, token);

    /// <summary>Starts the job at the head of the printer's queue; the answer is that job, now Running.</summary>
    /// <param name="ifMatch">The printer's version as read.</param>
    public Task<ApiResponse<PrintJob>> DispatchPrinterAsync(string id, long? ifMatch = null, CancellationToken token = default)
        => DispatchPrinterAsync(id, ifMatch, idempotencyKey: null, token);

    /// <inheritdoc cref="DispatchPrinterAsync(string, long?, CancellationToken)"/>
    /// <param name="idempotencyKey">See <see cref="IdempotencyKeys"/>; null: a new key for this call, the same on every node tried.</param>
    public Task<ApiResponse<PrintJob>> DispatchPrinterAsync(string id, long? ifMatch, string? idempotencyKey, CancellationToken token = default)
        => WriteAsync<PrintJob>(HttpMethod.Post, PrinterPath(id) + "/dispatch", null, ifMatch, idempotencyKey, token);

    public Task<ApiResponse<IReadOnlyList<Filament>>> ListFilamentsAsync(CancellationToken token = default)
        => ListFilamentsAsync(new FilamentQuery(), limit: null, token);

    /// <param name="includeArchived">Also list archived spools.</param>
    /// <param name="limit">Page size (1 to 1000): the answer is the first page, see <see cref="NextPageAsync{T}"/>. Null: the whole list.</param>
    public Task<ApiResponse<IReadOnlyList<Filament>>> ListFilamentsAsync(bool includeArchived, int? limit = null, CancellationToken token = default)
        => ListFilamentsAsync(new FilamentQuery(IncludeArchived: includeArchived), limit, token);

    /// <param name="query">Whether archived spools are listed too, and whether only low ones.</param>
    /// <param name="limit">Page size (1 to 1000): the answer is the first page, see <see cref="NextPageAsync{T}"/>. Null: the whole list.</param>
    public Task<ApiResponse<IReadOnlyList<Filament>>> ListFilamentsAsync(FilamentQuery query, int? limit = null, CancellationToken token = default)
    {
        var path = WithQuery(
            "/api/v1/filaments",
            ("include_archived", query.IncludeArchived ? "true" : null),
            ("low_stock", query.LowStock ? "true" : null),
            Limit(limit));
        return GetAsync<IReadOnlyList<Filament>>(path, token);
    }

    public Task<ApiResponse<Filament>> GetFilamentAsync(string id, CancellationToken token = default)
        => GetAsync<Filament>(FilamentPath(id), token);

    public Task<ApiResponse<Filament>> CreateFilamentAsync(NewFilament filament, CancellationToken token = default)
        => CreateFilamentAsync(filament, idempotencyKey: null, token);

    /// <param name="idempotencyKey">See <see cref="IdempotencyKeys"/>; null: a new key for this call, the same on every node tried.</param>
    public Task<ApiResponse<Filament>> CreateFilamentAsync(NewFilament filament, string? idempotencyKey, CancellationToken token = default)
        => WriteAsync<Filament>(HttpMethod.Post, "/api/v1/filaments", filament, ifMatch: null, idempotencyKey, token);

    /// <summary>Changes a spool's type, colour or stock settings; the fields left null stay as they are.</summary>
    /// <param name="ifMatch">The spool's version as read.</param>
    public Task<ApiResponse<Filament>> EditFilamentAsync(string id, FilamentPatch patch, long? ifMatch = null, CancellationToken token = default)
        => EditFilamentAsync(id, patch, ifMatch, idempotencyKey: null, token);

    /// <inheritdoc cref="EditFilamentAsync(string, FilamentPatch, long?, CancellationToken)"/>
    /// <param name="idempotencyKey">See <see cref="IdempotencyKeys"/>; null: a new key for this call, the same on every node tried.</param>
    public Task<ApiResponse<Filament>> EditFilamentAsync(string id, FilamentPatch patch, long? ifMatch, string? idempotencyKey, CancellationToken token = default)
        => WriteAsync<Filament>(HttpMethod.Patch, FilamentPath(id), patch, ifMatch, idempotencyKey, token);

    /// <summary>Archives a spool (DELETE): it is kept, takes no new job, and is listed only when asked. 409 filament_has_open_jobs while jobs hold it.</summary>
    /// <param name="ifMatch">The spool's version as read.</param>
    public Task<ApiResponse<NoContent>> ArchiveFilamentAsync(string id, long? ifMatch = null, CancellationToken token = default)
        => ArchiveFilamentAsync(id, ifMatch, idempotencyKey: null, token);

    /// <inheritdoc cref="ArchiveFilamentAsync(string, long?, CancellationToken)"/>
    /// <param name="idempotencyKey">See <see cref="IdempotencyKeys"/>; null: a new key for this call, the same on every node tried.</param>
    public Task<ApiResponse<NoContent>> ArchiveFilamentAsync(string id, long? ifMatch, string? idempotencyKey, CancellationToken token = default)
        => WriteAsync<NoContent>(HttpMethod.Delete, FilamentPath(id), null, ifMatch, idempotencyKey, token);

    /// <summary>
    /// Corrects a spool's remaining weight by <paramref name="grams"/> (negative: takes): a new adjust entry in its
    /// ledger. 409 weight_out_of_range if remaining would leave 0 to total.
    /// </summary>
    /// <param name="reason">Why, in the operator's words (at most 500 characters); kept on the ledger entry.</param>
    /// <param name="ifMatch">The spool's version as read.</param>
    /// <param name="idempotencyKey">See <see cref="IdempotencyKeys"/>; null: a new key for this call, the same on every node tried.</param>
    public Task<ApiResponse<Filament>> AdjustFilamentAsync(string id, decimal grams, string? reason = null, long? ifMatch = null, string? idempotencyKey = null, CancellationToken token = default)
        => WriteAsync<Filament>(HttpMethod.Post, FilamentPath(id) + "/adjustments", new { grams, reason }, ifMatch, idempotencyKey, token);

    /// <summary>
    /// A scale reading of a spool: remaining becomes <paramref name="grossWeightInGrams"/> minus the empty spool's
    /// weight, and the difference is a measure entry in its ledger. 409 spool_weight_unknown when neither this call
    /// nor the spool names a spool weight.
    /// </summary>
    /// <param name="spoolWeightInGrams">The empty spool's weight for this reading; null: the one stored on the spool.</param>
    /// <param name="reason">Why, in the operator's words (at most 500 characters); kept on the ledger entry.</param>
    /// <param name="ifMatch">The spool's version as read.</param>
    /// <param name="idempotencyKey">See <see cref="IdempotencyKeys"/>; null: a new key for this call, the same on every node tried.</param>
    public Task<ApiResponse<Filament>> MeasureFilamentAsync(
        string id,
        decimal grossWeightInGrams,
        decimal? spoolWeightInGrams = null,
        string? reason = null,
        long? ifMatch = null,
        string? idempotencyKey = null,
        CancellationToken token = default)
        => WriteAsync<Filament>(HttpMethod.Post, FilamentPath(id) + "/measure", new { grossWeightInGrams, spoolWeightInGrams, reason }, ifMatch, idempotencyKey, token);

    /// <summary>A spool's ledger, newest entry first; 404 not_found for an unknown spool.</summary>
    /// <param name="limit">Page size (1 to 1000): the answer is the newest page, see <see cref="NextPageAsync{T}"/> for older ones. Null: the whole ledger.</param>
    public Task<ApiResponse<IReadOnlyList<LedgerEntry>>> ListLedgerAsync(string id, int? limit = null, CancellationToken token = default)
        => GetAsync<IReadOnlyList<LedgerEntry>>(WithQuery(FilamentPath(id) + "/ledger", Limit(limit)), token);

    /// <summary>Checks a spool's remaining weight against its ledger and its reservations against its open jobs. 200 whether or not they agree.</summary>
    public Task<ApiResponse<FilamentVerification>> VerifyFilamentAsync(string id, CancellationToken token = default)
        => GetAsync<FilamentVerification>(FilamentPath(id) + "/verify", token);

    /// <summary>The farm's stock by type and colour over its live spools, with what queued jobs will take.</summary>
    public Task<ApiResponse<IReadOnlyList<StockGroup>>> GetStockAsync(CancellationToken token = default)
        => GetAsync<IReadOnlyList<StockGroup>>("/api/v1/stock", token);

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
        return GetAsync<IReadOnlyList<PrintJob>>(path, token);
    }

    public Task<ApiResponse<PrintJob>> GetPrintJobAsync(string id, CancellationToken token = default)
        => GetAsync<PrintJob>(PrintJobPath(id), token);

    /// <summary>The statuses a job took, oldest first: Queued, then Running, then Done or Canceled, each with its time and log index.</summary>
    public Task<ApiResponse<IReadOnlyList<PrintJobHistoryEntry>>> GetPrintJobHistoryAsync(string id, CancellationToken token = default)
        => GetAsync<IReadOnlyList<PrintJobHistoryEntry>>(PrintJobPath(id) + "/history", token);

    public Task<ApiResponse<PrintJob>> CreatePrintJobAsync(NewPrintJob job, CancellationToken token = default)
        => CreatePrintJobAsync(job, idempotencyKey: null, token);

    /// <param name="idempotencyKey">See <see cref="IdempotencyKeys"/>; null: a new key for this call, the same on every node tried.</param>
    public Task<ApiResponse<PrintJob>> CreatePrintJobAsync(NewPrintJob job, string? idempotencyKey, CancellationToken token = default)
        => WriteAsync<PrintJob>(HttpMethod.Post, "/api/v1/print_jobs", job, ifMatch: null, idempotencyKey, token);

    public Task<ApiResponse<PrintJob>> ChangePrintJobStatusAsync(string id, string status, CancellationToken token = default)
        => ChangePrintJobStatusAsync(id, new PrintJobStatusChange(status), ifMatch: null, idempotencyKey: null, token);

    /// <param name="ifMatch">The job's version as read; if it has changed since, 412 version_mismatch and nothing is written.</param>
    public Task<ApiResponse<PrintJob>> ChangePrintJobStatusAsync(string id, string status, long? ifMatch, CancellationToken token = default)
        => ChangePrintJobStatusAsync(id, new PrintJobStatusChange(status), ifMatch, idempotencyKey: null, token);

    /// <summary>Moves a job to Running, Done or Canceled; a Done may say what the print really took (<see cref="PrintJobStatusChange.ActualWeightInGrams"/>).</summary>
    /// <param name="ifMatch">The job's version as read; if it has changed since, 412 version_mismatch and nothing is written.</param>
    /// <param name="idempotencyKey">See <see cref="IdempotencyKeys"/>; null: a new key for this call, the same on every node tried.</param>
    public Task<ApiResponse<PrintJob>> ChangePrintJobStatusAsync(string id, PrintJobStatusChange change, long? ifMatch = null, string? idempotencyKey = null, CancellationToken token = default)
        => WriteAsync<PrintJob>(HttpMethod.Post, PrintJobPath(id) + "/status", change, ifMatch, idempotencyKey, token);

    /// <summary>Puts a Queued job at the tail of a printer's queue; its own printer again is a no-op that keeps its place.</summary>
    /// <param name="ifMatch">The job's version as read.</param>
    public Task<ApiResponse<PrintJob>> AssignPrintJobAsync(string id, string printerId, long? ifMatch = null, CancellationToken token = default)
        => AssignPrintJobAsync(id, printerId, ifMatch, idempotencyKey: null, token);

    /// <inheritdoc cref="AssignPrintJobAsync(string, string, long?, CancellationToken)"/>
    /// <param name="idempotencyKey">See <see cref="IdempotencyKeys"/>; null: a new key for this call, the same on every node tried.</param>
    public Task<ApiResponse<PrintJob>> AssignPrintJobAsync(string id, string printerId, long? ifMatch, string? idempotencyKey, CancellationToken token = default)
        => WriteAsync<PrintJob>(HttpMethod.Post, PrintJobPath(id) + "/assign", new { printerId }, ifMatch, idempotencyKey, token);

    /// <summary>Reports how far a Running job is (0 to 100); a value at or below the current one is a no-op.</summary>
    /// <param name="ifMatch">The job's version as read.</param>
    public Task<ApiResponse<PrintJob>> ReportPrintJobProgressAsync(string id, int percent, long? ifMatch = null, CancellationToken token = default)
        => ReportPrintJobProgressAsync(id, percent, ifMatch, idempotencyKey: null, token);

    /// <inheritdoc cref="ReportPrintJobProgressAsync(string, int, long?, CancellationToken)"/>
    /// <param name="idempotencyKey">See <see cref="IdempotencyKeys"/>; null: a new key for this call, the same on every node tried.</param>
    public Task<ApiResponse<PrintJob>> ReportPrintJobProgressAsync(string id, int percent, long? ifMatch, string? idempotencyKey, CancellationToken token = default)
        => WriteAsync<PrintJob>(HttpMethod.Post, PrintJobPath(id) + "/progress", new { percent }, ifMatch, idempotencyKey, token);

    /// <summary>Changes a Queued job's file or weight; the fields left null stay as they are.</summary>
    /// <param name="ifMatch">The job's version as read.</param>
    public Task<ApiResponse<PrintJob>> EditPrintJobAsync(string id, PrintJobPatch patch, long? ifMatch = null, CancellationToken token = default)
        => EditPrintJobAsync(id, patch, ifMatch, idempotencyKey: null, token);

    /// <inheritdoc cref="EditPrintJobAsync(string, PrintJobPatch, long?, CancellationToken)"/>
    /// <param name="idempotencyKey">See <see cref="IdempotencyKeys"/>; null: a new key for this call, the same on every node tried.</param>
    public Task<ApiResponse<PrintJob>> EditPrintJobAsync(string id, PrintJobPatch patch, long? ifMatch, string? idempotencyKey, CancellationToken token = default)
        => WriteAsync<PrintJob>(HttpMethod.Patch, PrintJobPath(id), patch, ifMatch, idempotencyKey, token);

    /// <summary>
    /// Streams an export into <paramref name="destination"/> as the node writes it, never holding it whole: every
    /// row as it was at one log index (<see cref="ExportResult.LogIndex"/>). Another node is tried only while
    /// nothing has been written; a stream that breaks later throws <see cref="ExportInterruptedException"/>.
    /// </summary>
    /// <param name="kind">filaments, print_jobs or ledger (every spool's entries, with filament_id).</param>
    /// <param name="format">json (an array of the API's objects) or csv (a header row, then one row per item).</param>
    public Task<ApiResponse<ExportResult>> ExportAsync(string kind, string format, Stream destination, CancellationToken token = default)
        => SendAsync(
            HttpMethod.Get,
            Read(WithQuery("/api/v1/export", ("kind", kind), ("format", format))),
            body: null,
            ifMatch: null,
            idempotencyKey: null,
            HttpCompletionOption.ResponseHeadersRead,
            (response, node, t) => CopyExportAsync(response, node, destination, t),
            token);

    /// <summary>The page after <paramref name="page"/>, from its Link rel="next"; <paramref name="page"/> must have one.</summary>
    public Task<ApiResponse<IReadOnlyList<T>>> NextPageAsync<T>(ApiResponse<IReadOnlyList<T>> page, CancellationToken token = default)
        => page.NextPage is { } next
            ? SendAsync<IReadOnlyList<T>>(HttpMethod.Get, next, body: null, ifMatch: null, idempotencyKey: null, token)
            : throw new InvalidOperationException("This page is the last one: it has no Link rel=\"next\".");

    /// <summary>
    /// Follows Link rel="next" from <paramref name="first"/> to the last page and answers with every entity in
    /// one list (<see cref="ApiResponse{T}.RawJson"/> one JSON array of the API's objects). The first failing
    /// page's answer is returned as it is. Pages are separate reads: entities added meanwhile may or may not appear,
    /// but none is listed twice or skipped, since a cursor is a position in an append-only order (creation order,
    /// or a ledger's sequence).
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

    /// <summary>
    /// Follows <c>GET /api/v1/events</c> until <paramref name="token"/> is canceled: every change the farm applies
    /// from now on (or after <paramref name="since"/>), in log order. When a node's stream fails (refused, reset,
    /// a 5xx, ended, silent past its heartbeats), the next node resumes it from the last log index given, so no
    /// event is lost or given twice. A <c>reset</c> event means a node could not do that: reload your lists,
    /// then go on applying events. A 4xx (an unknown type; a 401 or 403 for the token, on the stream or on the
    /// status read that finds where "from now on" starts) throws <see cref="EventStreamRefusedException"/>.
    /// </summary>
    /// <param name="since">
    /// A log index already seen (an event's <see cref="FarmEvent.Id"/>); null: from now on. The events of one log
    /// entry share its index and come together: resume after one whose events you all handled.
    /// </param>
    /// <param name="types">Only these types (<see cref="FarmEventTypes"/>); null: all.</param>
    public IAsyncEnumerable<FarmEvent> WatchEventsAsync(long? since = null, IReadOnlyCollection<string>? types = null, CancellationToken token = default)
        => WatchEventsAsync(new EventWatchOptions { Since = since, Types = types }, token);

    /// <inheritdoc cref="WatchEventsAsync(long?, IReadOnlyCollection{string}?, CancellationToken)"/>
    public IAsyncEnumerable<FarmEvent> WatchEventsAsync(EventWatchOptions options, CancellationToken token = default)
    {
        // The stream starts where other requests go, and once it moves, they follow it to the node that answers.
        var follower = new FarmEventFollower(http, nodes, Volatile.Read(ref preferred), index => Volatile.Write(ref preferred, index), options);
        return follower.FollowAsync(token);
    }

    public Task<ApiResponse<ClusterLeader>> GetLeaderAsync(CancellationToken token = default)
        => SendAsync<ClusterLeader>(HttpMethod.Get, "/cluster/leader", body: null, ifMatch: null, idempotencyKey: null, token);

    /// <summary>Asks one given node, with no failover: for per-node views such as <c>cluster status</c>.</summary>
    public async Task<ApiResponse<ClusterStatus>> GetClusterStatusAsync(Uri node, CancellationToken token = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node, "/cluster/status"));
        using var response = await http.SendAsync(request, token);
        return await ReadAsync<ClusterStatus>(response, node, token);
    }

    public void Dispose() => http.Dispose();

    private static SocketsHttpHandler CreateHandler(string? caCertificateFile)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2), UseProxy = false };
        if (caCertificateFile is not null)
        {
            // A chain policy, not a validation callback: the TLS stack keeps every check it makes (dates, host name,
            // chain) and only looks for the root in this store instead of the system's.
            handler.SslOptions.CertificateChainPolicy = CustomRootTrust.FromPemFile(caCertificateFile);
        }

        return handler;
    }

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

    /// <summary>A read, with the client's consistency.</summary>
    private Task<ApiResponse<T>> GetAsync<T>(string path, CancellationToken token)
        => SendAsync<T>(HttpMethod.Get, Read(path), body: null, ifMatch: null, idempotencyKey: null, token);

    /// <summary>A write: it always carries an Idempotency-Key, the caller's or a new one.</summary>
    private Task<ApiResponse<T>> WriteAsync<T>(HttpMethod method, string path, object? body, long? ifMatch, string? idempotencyKey, CancellationToken token)
    {
        if (idempotencyKey is not null && !IdempotencyKeys.IsValid(idempotencyKey))
        {
            throw new InvalidIdempotencyKeyException(idempotencyKey);
        }

        // One key per call, made before the first try: every node this call tries gets the same one, so a resend
        // after a 503 or a lost connection (whose first try may have applied) is answered as a replay, not applied twice.
        return SendAsync<T>(method, path, body, ifMatch, idempotencyKey ?? IdempotencyKeys.New(), token);
    }

    private Task<ApiResponse<T>> SendAsync<T>(HttpMethod method, string path, object? body, long? ifMatch, string? idempotencyKey, CancellationToken token)
        => SendAsync(method, path, body, ifMatch, idempotencyKey, HttpCompletionOption.ResponseContentRead, ReadAsync<T>, token);

    /// <param name="ifMatch">A version for If-Match: the node writes only if the entity is still at it (else 412).</param>
    /// <param name="idempotencyKey">Sent as Idempotency-Key on every try.</param>
    /// <param name="completion">ResponseHeadersRead to stream the body through <paramref name="read"/>.</param>
    private async Task<ApiResponse<T>> SendAsync<T>(
        HttpMethod method,
        string path,
        object? body,
        long? ifMatch,
        string? idempotencyKey,
        HttpCompletionOption completion,
        Func<HttpResponseMessage, Uri, CancellationToken, Task<ApiResponse<T>>> read,
        CancellationToken token)
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

                if (idempotencyKey is not null)
                {
                    request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
                }

                using var response = await http.SendAsync(request, completion, token);
                var result = (await read(response, node, token)) with { IdempotencyKey = idempotencyKey };
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    // No leader as seen from this node; another may see one. A write is safe to resend: it carries
                    // the same Idempotency-Key, so if this try did reach the log, the next one is a replay.
                    unavailable = result;
                    failures.Add($"{node}: 503 {result.Problem?.Code}");
                    continue;
                }

                Volatile.Write(ref preferred, index);
                return result;
            }
            catch (HttpRequestException e)
            {
                failures.Add($"{node}: {FailureDescription.Of(e)}");
            }
            catch (TaskCanceledException e) when (!token.IsCancellationRequested)
            {
                failures.Add($"{node}: {FailureDescription.Of(e)}");
            }
        }

        return unavailable ?? throw new NoNodeReachableException($"No node answered: {string.Join("; ", failures)}", idempotencyKey);
    }

    /// <summary>
    /// Copies an export's body to <paramref name="destination"/> as it arrives. Once a byte is written the answer is
    /// this node's: a break is <see cref="ExportInterruptedException"/>, which the failover loop does not catch.
    /// </summary>
    private static async Task<ApiResponse<ExportResult>> CopyExportAsync(HttpResponseMessage response, Uri node, Stream destination, CancellationToken token)
    {
        if (!response.IsSuccessStatusCode)
        {
            return await ReadAsync<ExportResult>(response, node, token);
        }

        long copied = 0;
        try
        {
            await using var source = await response.Content.ReadAsStreamAsync(token);
            var buffer = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(buffer, token)) > 0)
            {
                await destination.WriteAsync(buffer.AsMemory(0, read), token);
                copied += read;
            }

            await destination.FlushAsync(token);
        }
        catch (Exception e) when (e is IOException or HttpRequestException || (e is OperationCanceledException && !token.IsCancellationRequested))
        {
            throw new ExportInterruptedException(node, copied, e);
        }

        var index = response.Headers.TryGetValues(ExportIndexHeader, out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var at)
                ? at
                : (long?)null;
        var fileName = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"');
        var export = new ExportResult(index, response.Content.Headers.ContentType?.MediaType, fileName, copied);
        return new ApiResponse<ExportResult>(response.StatusCode, string.Empty, export, null, node);
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
                Replayed = IsReplay(response),
                NextPage = response.Headers.TryGetValues("Link", out var links) ? LinkHeader.FindNext(links) : null,
                TotalCount = response.Headers.TryGetValues("X-Total-Count", out var totals)
                    && long.TryParse(totals.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var total)
                        ? total
                        : null,
            };
        }

        var problem = ProblemReader.Parse(raw, response);
        return new ApiResponse<T>(response.StatusCode, raw, default, problem, node) { Replayed = IsReplay(response) };
    }

    private static bool IsReplay(HttpResponseMessage response)
        => response.Headers.TryGetValues(ReplayedHeader, out var values)
            && values.Any(v => string.Equals(v.Trim(), "true", StringComparison.OrdinalIgnoreCase));
}
