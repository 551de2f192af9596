using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Faults;

/// <summary>
/// Several concurrent clients against all nodes, each request to a random node, bounded by a token:
/// writers create printers with fresh ids, readers list printers linearizably, and one spool client walks jobs
/// through Queued, Running and Done, then corrects the spool by half a gram under a fresh Idempotency-Key,
/// retrying each step (same id, same key) until it gets a definite answer. Every printer request goes into the history.
/// </summary>
internal sealed class FarmWorkload(IReadOnlyList<TestNode> nodes, int writers = 4, int readers = 2, string keyPrefix = "w") : IDisposable
{
    public const string SpoolId = "spool";
    public const decimal SpoolGrams = 1_000_000m;

    private readonly ConcurrentQueue<HistoryOperation> history = new();
    private readonly HttpClient http = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(1), PooledConnectionLifetime = TimeSpan.FromSeconds(5) })
    {
        // Shorter than the nodes' 5 s quorum wait: a request to a frozen node becomes "unknown" soon enough
        // for the client to go on with another node, as a real client would.
        Timeout = TimeSpan.FromSeconds(3),
    };

    private readonly ConcurrentDictionary<string, decimal> doneJobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, decimal> adjustments = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();
    private Task? running;

    public IReadOnlyList<HistoryOperation> History => [.. history];

    /// <summary>Jobs the spool client saw reach Done, with their weights.</summary>
    public IReadOnlyDictionary<string, decimal> DoneJobs => doneJobs;

    /// <summary>Spool corrections acknowledged to the client, by Idempotency-Key.</summary>
    public IReadOnlyDictionary<string, decimal> Adjustments => adjustments;

    public int AcknowledgedCreates => history.Count(o => o is { Kind: OperationKind.Create, Result: OperationResult.Ok });

    public async Task SetUpAsync()
    {
        await Eventually.HoldsAsync(
            async () =>
            {
                using var printer = await http.PostAsJsonAsync(Url(nodes[0], "/api/v1/printers"), new { id = "spool-printer", company = "Prusa", model = "MK4" });
                using var spool = await http.PostAsJsonAsync(Url(nodes[0], "/api/v1/filaments"), new { id = SpoolId, type = "PLA", color = "Red", total_weight_in_grams = SpoolGrams });
                return printer.IsSuccessStatusCode && spool.IsSuccessStatusCode;
            },
            TimeSpan.FromSeconds(30),
            "the workload's printer and spool to be created");
    }

    /// <summary>Sets up, starts every client in the background, and returns once writes are being acknowledged.</summary>
    public async Task StartAsync(int flowing = 50)
    {
        await SetUpAsync();
        running = RunAsync(stop.Token);
        await AcknowledgedAtLeastAsync(flowing, "load to be flowing");
    }

    public Task AcknowledgedAtLeastAsync(int count, string expectation, int seconds = 30)
        => Eventually.HoldsAsync(() => Task.FromResult(AcknowledgedCreates >= count), TimeSpan.FromSeconds(seconds), expectation);

    public async Task StopAsync()
    {
        await stop.CancelAsync();
        if (running is not null)
        {
            await running;
        }
    }

    public async Task RunAsync(CancellationToken token)
    {
        var tasks = new List<Task>();
        for (var c = 0; c < writers; c++)
        {
            var client = c;
            tasks.Add(Task.Run(() => WriteLoopAsync(client, token), CancellationToken.None));
        }

        for (var c = 0; c < readers; c++)
        {
            var client = writers + c;
            tasks.Add(Task.Run(() => ReadLoopAsync(client, token), CancellationToken.None));
        }

        tasks.Add(Task.Run(() => SpoolLoopAsync(token), CancellationToken.None));
        await Task.WhenAll(tasks);
    }

    /// <summary>The printers a node holds now (a local read: used after the run, once the nodes converged).</summary>
    public async Task<IReadOnlyDictionary<string, string>> PrintersOnAsync(TestNode node)
    {
        var printers = await http.GetFromJsonAsync<JsonElement>(Url(node, "/api/v1/printers?consistency=local"));
        return printers.EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!, p => p.GetProperty("model").GetString()!);
    }

    public async Task<(decimal Remaining, IReadOnlyDictionary<string, decimal> Done)> SpoolOnAsync(TestNode node)
    {
        var spool = await http.GetFromJsonAsync<JsonElement>(Url(node, $"/api/v1/filaments/{SpoolId}?consistency=local"));
        var done = await http.GetFromJsonAsync<JsonElement>(Url(node, $"/api/v1/print_jobs?filament_id={SpoolId}&status=Done&consistency=local"));
        return (spool.GetProperty("remaining_weight_in_grams").GetDecimal(),
            done.EnumerateArray().ToDictionary(j => j.GetProperty("id").GetString()!, j => j.GetProperty("print_weight_in_grams").GetDecimal()));
    }

    /// <summary>The spool's ledger on a node: kind, grams and Idempotency-Key of each entry (a local read, after the run).</summary>
    public async Task<IReadOnlyList<(string Kind, decimal Grams, string? Key)>> LedgerOnAsync(TestNode node)
    {
        var ledger = await http.GetFromJsonAsync<JsonElement>(Url(node, $"/api/v1/filaments/{SpoolId}/ledger?consistency=local"));
        return [.. ledger.EnumerateArray().Select(e => (e.GetProperty("kind").GetString()!, e.GetProperty("grams").GetDecimal(), e.GetProperty("idempotency_key").GetString()))];
    }

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
        http.Dispose();
    }

    private static Uri Url(TestNode node, string path) => new(new Uri(node.ApiUrl), path);

    private TestNode AnyNode() => nodes[Random.Shared.Next(nodes.Count)];

    private async Task WriteLoopAsync(int client, CancellationToken token)
    {
        for (var seq = 0; !token.IsCancellationRequested; seq++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"{keyPrefix}{client}-{seq}");
            var value = "m-" + key;
            var node = AnyNode();
            var start = Stopwatch.GetTimestamp();
            OperationResult result;
            string? servedBy = null;
            long? term = null;
            try
            {
                using var response = await http.PostAsJsonAsync(Url(node, "/api/v1/printers"), new { id = key, company = "Fault", model = value }, CancellationToken.None);
                result = Classify(response.StatusCode);
                servedBy = Header(response, "X-Raft3D-Node");
                term = long.TryParse(Header(response, "X-Raft3D-Term"), CultureInfo.InvariantCulture, out var t) ? t : null;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                result = OperationResult.Unknown;
            }

            history.Enqueue(new HistoryOperation(client, OperationKind.Create, key, value, start, Stopwatch.GetTimestamp(), result, servedBy ?? node.Id, result == OperationResult.Ok ? term : null, null));
            if (result != OperationResult.Ok)
            {
                await Pause(token);
            }
        }
    }

    private async Task ReadLoopAsync(int client, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            var node = AnyNode();
            var start = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.GetAsync(Url(node, "/api/v1/printers"), CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var printers = await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None);
                    var observed = printers.EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!, p => p.GetProperty("model").GetString()!, StringComparer.Ordinal);
                    history.Enqueue(new HistoryOperation(client, OperationKind.Read, null, null, start, Stopwatch.GetTimestamp(), OperationResult.Ok, node.Id, null, observed));
                    continue;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // A read that fails tells nothing; only answered reads are checked.
            }

            await Pause(token);
        }
    }

    private async Task SpoolLoopAsync(CancellationToken token)
    {
        for (var seq = 0; !token.IsCancellationRequested; seq++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"{keyPrefix}job-{seq}");
            var grams = Random.Shared.Next(1, 50) + 0.125m;
            if (!await UntilDefiniteAsync(n => http.PostAsJsonAsync(Url(n, "/api/v1/print_jobs"), new { id, printer_id = "spool-printer", filament_id = SpoolId, filepath = "/x.gcode", print_weight_in_grams = grams }), token)
                || !await UntilDefiniteAsync(n => http.PostAsync(Url(n, $"/api/v1/print_jobs/{id}/status?status=Running"), null), token)
                || !await UntilDefiniteAsync(n => http.PostAsync(Url(n, $"/api/v1/print_jobs/{id}/status?status=Done"), null), token))
            {
                return;
            }

            doneJobs[id] = grams;
            var key = string.Create(CultureInfo.InvariantCulture, $"{keyPrefix}adjust-{seq}");
            if (!await UntilDefiniteAsync(n => PostKeyedAsync(n, $"/api/v1/filaments/{SpoolId}/adjustments", new { grams = -0.5m, reason = "workload" }, key), token))
            {
                return;
            }

            adjustments[key] = -0.5m;
        }
    }

    private async Task<HttpResponseMessage> PostKeyedAsync(TestNode node, string path, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url(node, path)) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await http.SendAsync(request);
    }

    /// <summary>Resends the same request (same ids: safe) until a 2xx; false if the run ends first.</summary>
    private async Task<bool> UntilDefiniteAsync(Func<TestNode, Task<HttpResponseMessage>> send, CancellationToken token)
    {
        while (true)
        {
            try
            {
                using var response = await send(AnyNode());
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }

                if (response.StatusCode is not HttpStatusCode.ServiceUnavailable and not HttpStatusCode.InternalServerError)
                {
                    throw new InvalidOperationException($"spool client got a definite {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Unknown outcome: send it again.
            }

            if (token.IsCancellationRequested)
            {
                return false;
            }

            await Pause(token);
        }
    }

    private static OperationResult Classify(HttpStatusCode status) => (int)status switch
    {
        >= 200 and < 300 => OperationResult.Ok,
        >= 400 and < 500 => OperationResult.Failed,
        _ => OperationResult.Unknown,
    };

    private static string? Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static async Task Pause(CancellationToken token)
    {
        try
        {
            await Task.Delay(50, token);
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }
}
