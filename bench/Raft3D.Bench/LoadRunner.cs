using System.Diagnostics;

namespace Raft3D.Bench;

/// <summary>
/// A closed-loop load generator: <c>concurrency</c> workers each send a request, wait for the answer, send the
/// next, until the request budget or the time budget runs out. The measured throughput and latency rows come from
/// wrk (<see cref="WrkRunner"/>), a generator neither system wrote; this one fills a cluster to an exact count of
/// entities and does what wrk cannot (preloading known ids), where only the entity count matters.
/// </summary>
internal static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(HttpClient http, int concurrency, int maxRequests, TimeSpan maxTime, Func<int, HttpRequestMessage> request)
    {
        var latencies = new double[maxRequests];
        var next = -1;
        var completed = 0;
        var errors = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < maxTime)
            {
                var seq = Interlocked.Increment(ref next);
                if (seq >= maxRequests)
                {
                    return;
                }

                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var message = request(seq);
                    using var response = await http.SendAsync(message);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }

                    await response.Content.CopyToAsync(Stream.Null);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref errors);
                }

                latencies[seq] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                Interlocked.Increment(ref completed);
            }
        });
        await Task.WhenAll(workers);
        var seconds = clock.Elapsed.TotalSeconds;
        var done = Math.Min(completed, maxRequests);
        var sorted = latencies.AsSpan(0, Math.Min(next + 1, maxRequests)).ToArray();
        Array.Sort(sorted);
        return new LoadResult(done - errors, errors, seconds, Percentile(sorted, 0.50), Percentile(sorted, 0.99), Percentile(sorted, 0.999));
    }

    private static double Percentile(double[] sorted, double p)
        => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
