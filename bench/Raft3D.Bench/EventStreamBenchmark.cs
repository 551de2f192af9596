using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Raft3D.Bench;

/// <summary>
/// What followers of /api/v1/events cost the writers: 64-client writes to the leader with no stream open, with
/// 50 streams whose clients never read (they fall behind and are dropped), and with 50 that read everything.
/// Rounds alternate, so a slow moment of the machine does not land on one case only.
/// </summary>
internal sealed class EventStreamBenchmark(Raft3DTarget target, HttpClient http, BenchSettings settings, Action<string> log)
{
    private const int Streams = 50;
    private const int Concurrency = 64;
    private const int Rounds = 3;

    public async Task<string> RunAsync()
    {
        await target.StartAsync();
        var leader = await WaitForLeaderAsync();
        await LoadAsync(leader, "warm-up");
        var results = new Dictionary<string, List<double>> { ["none"] = [], ["stalled"] = [], ["reading"] = [] };
        for (var round = 0; round < Rounds; round++)
        {
            results["none"].Add(await LoadAsync(leader, $"none-{round}"));

            var stalled = await OpenStalledAsync(leader);
            results["stalled"].Add(await LoadAsync(leader, $"stalled-{round}"));
            var dropped = await target.MetricAsync(leader, "raft3d_event_streams_dropped_total") ?? 0;
            stalled.ForEach(s => s.Dispose());
            log(string.Create(CultureInfo.InvariantCulture, $"round {round}: {dropped} stalled streams dropped so far"));

            using var stop = new CancellationTokenSource();
            var readers = Enumerable.Range(0, Streams).Select(_ => ReadEverythingAsync(leader, stop.Token)).ToList();
            results["reading"].Add(await LoadAsync(leader, $"reading-{round}"));
            await stop.CancelAsync();
            await Task.WhenAll(readers);
        }

        var none = results["none"].Average();
        return string.Join('\n', [
            "| followers of /api/v1/events on the leader | writes/s, 64 clients (mean of 3) | vs none |",
            "|---|---:|---:|",
            .. results.Select(r => string.Create(CultureInfo.InvariantCulture, $"| {Describe(r.Key)} | {r.Value.Average():0} | {r.Value.Average() / none:0.00} |")),
        ]);
    }

    private static string Describe(string kind) => kind switch
    {
        "none" => "none",
        "stalled" => $"{Streams} that never read",
        _ => $"{Streams} that read every event",
    };

    private async Task<double> LoadAsync(int leader, string label)
    {
        var result = await LoadRunner.RunAsync(http, Concurrency, settings.RunRequests, settings.WindowTime, i => target.Write(leader, Payload.Key(label, i)));
        log(string.Create(CultureInfo.InvariantCulture, $"events {label}: {result.Throughput:0} writes/s ({result.Errors} errors)"));
        return result.Throughput;
    }

    private async Task<int> WaitForLeaderAsync()
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            if (await target.LeaderAsync() is { } leader)
            {
                return leader;
            }

            await Task.Delay(500);
        }

        throw new InvalidOperationException("no leader after 60 s");
    }

    /// <summary>Streams asked for and then never read: the client a writer must never wait for.</summary>
    private static async Task<List<TcpClient>> OpenStalledAsync(int node)
    {
        var clients = new List<TcpClient>();
        for (var i = 0; i < Streams; i++)
        {
            var tcp = new TcpClient { ReceiveBufferSize = 4096 };
            await tcp.ConnectAsync("127.0.0.1", Raft3DTarget.ApiPort(node));
            await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
            clients.Add(tcp);
        }

        return clients;
    }

    private static async Task ReadEverythingAsync(int node, CancellationToken token)
    {
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            await using var stream = await client.GetStreamAsync(new Uri($"http://127.0.0.1:{Raft3DTarget.ApiPort(node)}/api/v1/events"), token);
            var buffer = new byte[64 * 1024];
            while (await stream.ReadAsync(buffer, token) > 0)
            {
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            // Stopped by the bench, or dropped by the node.
        }
    }
}
