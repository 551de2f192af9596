using System.Collections.Concurrent;
using System.Net;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Limits;

/// <summary>What the flooding loops got back, counted as they go.</summary>
internal sealed class FloodTally
{
    private int succeeded;
    private int refused;

    public int Succeeded => succeeded;

    public int Refused => refused;

    public ConcurrentBag<string> Other { get; } = [];

    public ConcurrentBag<string> BadRefusals { get; } = [];

    public async Task RecordAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode)
        {
            Interlocked.Increment(ref succeeded);
            return;
        }

        if (response.StatusCode != HttpStatusCode.TooManyRequests)
        {
            Other.Add($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            return;
        }

        Interlocked.Increment(ref refused);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        var problem = await response.JsonAsync();
        if (retryAfter is not { TotalSeconds: >= 1 } || retryAfter.Value.Milliseconds != 0
            || response.Content.Headers.ContentType?.MediaType != "application/problem+json"
            || problem.GetProperty("code").GetString() != "rate_limited"
            || problem.GetProperty("detail").GetString() is not { } detail || !detail.Contains("127.0.0.", StringComparison.Ordinal))
        {
            BadRefusals.Add($"Retry-After {retryAfter}: {problem}");
        }
    }
}
