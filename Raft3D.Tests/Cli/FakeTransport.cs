using System.Net;
using System.Text;

namespace Raft3D.Tests.Cli;

/// <summary>
/// An HTTP transport for the client (and raft3d, through CliEnvironment.Handler) that answers each request with
/// <c>respond</c> and remembers what was sent: for the answers a healthy cluster never gives.
/// </summary>
internal sealed class FakeTransport(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
{
    public List<SentRequest> Requests { get; } = [];

    public static HttpResponseMessage Answer(HttpStatusCode status, string json)
        => new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var key = request.Headers.TryGetValues("Idempotency-Key", out var values) ? values.Single() : null;
        var lastEventId = request.Headers.TryGetValues("Last-Event-ID", out var ids) ? ids.Single() : null;
        Requests.Add(new SentRequest(request.Method, request.RequestUri!.Host, request.RequestUri.AbsolutePath, request.RequestUri.PathAndQuery, key, body)
        {
            LastEventId = lastEventId,
            Authorization = request.Headers.Authorization?.ToString(),
        });
        return respond(request);
    }

    /// <summary>What one request said, read when it was sent (its content is gone after).</summary>
    public sealed record SentRequest(HttpMethod Method, string Node, string Path, string PathAndQuery, string? IdempotencyKey, string? Body)
    {
        /// <summary>Where an event stream request asked to resume.</summary>
        public string? LastEventId { get; init; }

        /// <summary>The Authorization header as sent, e.g. "Bearer r3d_..."; null when none was.</summary>
        public string? Authorization { get; init; }
    }
}
