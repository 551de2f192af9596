using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Raft3D.Client;

/// <summary>
/// One open <c>GET /api/v1/events</c> response on one node, read as it arrives. Every way it can fail, short of
/// a refusal, surfaces as an <see cref="HttpRequestException"/>, <see cref="IOException"/>,
/// <see cref="TimeoutException"/> or <see cref="System.Text.Json.JsonException"/>: the follower moves on.
/// </summary>
internal sealed class EventStreamConnection : IDisposable
{
    private const string LastEventIdHeader = "Last-Event-ID";

    private readonly HttpResponseMessage response;
    private readonly Stream body;
    private readonly ServerSentEventParser parser = new();
    private readonly byte[] buffer = new byte[16 * 1024];

    private EventStreamConnection(Uri node, HttpResponseMessage response, Stream body)
    {
        Node = node;
        this.response = response;
        this.body = body;
    }

    public Uri Node { get; }

    /// <summary>The node's <c>retry:</c>, if it sent one.</summary>
    public TimeSpan? ReconnectionTime => parser.ReconnectionTime;

    /// <param name="path">The events path and query (the type filter).</param>
    /// <param name="lastEventId">Sent as Last-Event-ID: the node starts after it.</param>
    /// <exception cref="EventStreamRefusedException">A 4xx: the request is wrong on every node.</exception>
    public static async Task<EventStreamConnection> OpenAsync(HttpClient http, Uri node, string path, long? lastEventId, CancellationToken token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node, path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is { } id)
        {
            request.Headers.Add(LastEventIdHeader, id.ToString(CultureInfo.InvariantCulture));
        }

        // Headers only: the body never ends. HttpClient's timeout covers the connection and the headers, not the reads
        // that follow; silence on an open stream is the idle timeout's to judge.
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
        try
        {
            if ((int)response.StatusCode is >= 400 and < 500)
            {
                throw new EventStreamRefusedException(node, await ProblemReader.ReadAsync(response, token));
            }

            if (!response.IsSuccessStatusCode)
            {
                var problem = await ProblemReader.ReadAsync(response, token);
                throw new HttpRequestException($"{(int)response.StatusCode} {problem.Code ?? response.ReasonPhrase}", null, response.StatusCode);
            }

            if (response.Content.Headers.ContentType?.MediaType is not "text/event-stream")
            {
                throw new HttpRequestException($"answered {response.Content.Headers.ContentType?.MediaType ?? "no content type"}, not text/event-stream");
            }

            var body = await response.Content.ReadAsStreamAsync(token);
            return new EventStreamConnection(node, response, body);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>The events completed by the next bytes (none for a heartbeat); null once the node ended the stream.</summary>
    /// <exception cref="TimeoutException">Nothing came for <paramref name="idleTimeout"/>.</exception>
    public async Task<IReadOnlyList<FarmEvent>?> ReadAsync(TimeSpan idleTimeout, CancellationToken token)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(token);
        idle.CancelAfter(idleTimeout);
        int read;
        try
        {
            read = await body.ReadAsync(buffer, idle.Token);
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
            throw new TimeoutException($"nothing for {idleTimeout.TotalSeconds:0.#} s, not even a heartbeat");
        }

        return read == 0 ? null : [.. parser.Feed(buffer.AsSpan(0, read)).Select(ToFarmEvent)];
    }

    public void Dispose()
    {
        body.Dispose();
        response.Dispose();
    }

    private FarmEvent ToFarmEvent(ServerSentEvent e)
    {
        // An id that is not a log index would make a resumption point to nowhere: that is a broken stream, not an event.
        long? id = e.Id is null ? null
            : long.TryParse(e.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index
            : throw new IOException($"a {e.Type} event's id '{e.Id}' is not a log index");
        using var document = JsonDocument.Parse(e.Data);
        return new FarmEvent(e.Type, id, document.RootElement.Clone(), Node);
    }
}
