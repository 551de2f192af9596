using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Hosts;

/// <summary>
/// One client writing printers one after another, as a farm's controller would, each write retried on the next
/// node until it is acknowledged: how long each write took, first attempt to acknowledgment, is what a client
/// sees of restarts. A 409 on a retry means an earlier attempt landed (the id is the write's own).
/// </summary>
internal sealed class SteadyWriter(IReadOnlyList<TestNode> nodes) : IDisposable
{
    /// <summary>A node that does not answer within this is taken for down, and the write goes to the next one.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    private readonly HttpClient http = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromMilliseconds(300), PooledConnectionLifetime = TimeSpan.FromSeconds(5) }) { Timeout = AttemptTimeout };
    private readonly ConcurrentQueue<SteadyWrite> writes = new();
    private readonly CancellationTokenSource stop = new();
    private Task? running;

    /// <summary>Acknowledged writes, in order.</summary>
    public IReadOnlyList<SteadyWrite> Writes => [.. writes];

    public void Start() => running = Task.Run(() => RunAsync(stop.Token));

    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await (running ?? Task.CompletedTask);
    }

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
        http.Dispose();
    }

    private async Task RunAsync(CancellationToken token)
    {
        var next = 0;
        for (var seq = 0; !token.IsCancellationRequested; seq++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"steady-{seq}");
            var started = Stopwatch.GetTimestamp();
            var failures = new List<string>();
            for (var attempt = 1; !token.IsCancellationRequested; attempt++)
            {
                var node = nodes[next++ % nodes.Count];
                var failure = await TryWriteAsync(node, id, retry: attempt > 1);
                if (failure is null)
                {
                    writes.Enqueue(new SteadyWrite(id, Stopwatch.GetElapsedTime(started), attempt, failures));
                    break;
                }

                failures.Add(string.Create(CultureInfo.InvariantCulture, $"+{Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms {node.Id}: {failure}"));
            }
        }
    }

    /// <summary>Null when the write is acknowledged; otherwise what the node answered, for the write's trail.</summary>
    private async Task<string?> TryWriteAsync(TestNode node, string id, bool retry)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(new Uri(new Uri(node.ApiUrl), "/api/v1/printers"), new { id, company = "Steady", model = "M" });
            if (response.IsSuccessStatusCode || (retry && response.StatusCode == HttpStatusCode.Conflict))
            {
                return null;
            }

            var body = await response.Content.ReadAsStringAsync();
            return $"{(int)response.StatusCode} {body[..Math.Min(body.Length, 160)]}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return $"{e.GetType().Name} {e.Message}";
        }
    }
}

/// <summary>One acknowledged steady write: how long it took, and what each failed attempt before it answered.</summary>
internal sealed record SteadyWrite(string Id, TimeSpan Took, int Attempts, IReadOnlyList<string> Failures);
