using System.Diagnostics;
using System.Net;
using System.Text;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Faults;

/// <summary>
/// One write with an Idempotency-Key, sent again and again through whichever nodes a test names, as a client
/// that lost its answer (or its node) would. A 503 or a dead node is retried on the next running node until
/// some node answers, as the README tells clients to.
/// </summary>
internal sealed record KeyedRequest(HttpMethod Method, string Path, string? Json, string Key)
{
    public async Task<KeyedAnswer> SendAsync(ProcessCluster cluster, string firstNode, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var order = cluster.Nodes.Select(n => n.Id).ToList();
        var at = order.IndexOf(firstNode);
        var seen = new List<string>();
        while (DateTime.UtcNow < deadline)
        {
            var node = order[at++ % order.Count];
            if (!cluster.IsRunning(node))
            {
                continue;
            }

            try
            {
                using var request = new HttpRequestMessage(Method, Path);
                request.Headers.Add("Idempotency-Key", Key);
                if (Json is not null)
                {
                    request.Content = new StringContent(Json, Encoding.UTF8, "application/json");
                }

                using var response = await cluster.Client(node).SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    var replayed = response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Single() == "true";
                    return new KeyedAnswer(node, response.StatusCode, body, replayed, response.ETagOf());
                }

                seen.Add($"{node}: 503 {body}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                seen.Add($"{node}: {e.GetType().Name}");
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{Method} {Path} (key {Key}) got no answer within {timeout.TotalSeconds} s: {string.Join("; ", seen.TakeLast(6))}");
        throw new UnreachableException();
    }
}
