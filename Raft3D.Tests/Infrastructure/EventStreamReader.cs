using System.Globalization;
using System.Threading.Channels;

namespace Raft3D.Tests.Infrastructure;

/// <summary>
/// Follows a node's /api/v1/events for a test, with a parser of its own, independent of the client library's, so
/// the server is checked against the SSE format itself. Events queue as they arrive; the test takes them with a
/// deadline. Disposing it disconnects.
/// </summary>
public sealed class EventStreamReader : IAsyncDisposable
{
    private readonly HttpClient http;
    private readonly CancellationTokenSource stop = new();
    private readonly Channel<ServerSentEvent> events = Channel.CreateUnbounded<ServerSentEvent>();
    private readonly Task reading;

    private EventStreamReader(HttpClient http, HttpResponseMessage response)
    {
        this.http = http;
        Response = response;
        reading = ReadAsync(response);
    }

    public HttpResponseMessage Response { get; }

    /// <summary>Opens the stream at <paramref name="path"/> (e.g. /api/v1/events?types=printer), resuming after <paramref name="lastEventId"/>.</summary>
    public static async Task<EventStreamReader> OpenAsync(string apiUrl, string path, long? lastEventId = null)
    {
        // A stream has no end to time out; only connecting does.
        var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) }) { Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(apiUrl), path));
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(CultureInfo.InvariantCulture));
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new EventStreamReader(http, response);
    }

    /// <summary>The next event, waiting up to <paramref name="timeout"/>; fails the test if none comes.</summary>
    public async Task<ServerSentEvent> NextAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            return await events.Reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new AssertionException($"no event within {timeout.TotalSeconds} s");
        }
        catch (ChannelClosedException)
        {
            throw new AssertionException("the stream ended");
        }
    }

    /// <summary>Events until one matches <paramref name="last"/> (included), each within <paramref name="timeout"/>.</summary>
    public async Task<List<ServerSentEvent>> UntilAsync(Func<ServerSentEvent, bool> last, TimeSpan timeout)
    {
        var taken = new List<ServerSentEvent>();
        while (true)
        {
            var e = await NextAsync(timeout);
            taken.Add(e);
            if (last(e))
            {
                return taken;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await reading;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            // Disconnecting is the point.
        }

        Response.Dispose();
        http.Dispose();
        stop.Dispose();
    }

    private async Task ReadAsync(HttpResponseMessage response)
    {
        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
            string? type = null;
            long? id = null;
            var data = new List<string>();
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data.Count > 0)
                    {
                        events.Writer.TryWrite(new ServerSentEvent(type ?? "message", id, string.Join('\n', data)));
                    }

                    (type, id) = (null, null);
                    data.Clear();
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    type = line["event: ".Length..];
                }
                else if (line.StartsWith("id: ", StringComparison.Ordinal))
                {
                    id = long.Parse(line["id: ".Length..], CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Add(line["data: ".Length..]);
                }
            }
        }
        finally
        {
            events.Writer.TryComplete();
        }
    }
}
