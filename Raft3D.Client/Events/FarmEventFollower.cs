using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Raft3D.Client;

/// <summary>
/// Follows the event stream across nodes for one <see cref="Raft3DClient.WatchEventsAsync(EventWatchOptions, CancellationToken)"/>:
/// when a node's stream fails it resumes on the next node, in the client's order, from the last log index the
/// caller got (Last-Event-ID). Every node applies the same log, so the next node's events after that index are
/// exactly the ones missed (a node that has not applied that far yet sends only what comes after it); when it
/// no longer holds them the caller gets its <c>reset</c>.
/// </summary>
internal sealed class FarmEventFollower(HttpClient http, IReadOnlyList<Uri> nodes, int firstNode, Action<int> connected, EventWatchOptions options)
{
    /// <summary>Until a node says (retry:), the wait the standard suggests, and the spec's nodes send.</summary>
    private static readonly TimeSpan DefaultReconnectionTime = TimeSpan.FromSeconds(1);

    /// <summary>However often nodes fail in a row, a watch tries again this soon: an operator waits for it.</summary>
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(8);

    private readonly string path = "/api/v1/events" + (options.Types is { Count: > 0 } types
        ? "?types=" + string.Join(',', types.Select(Uri.EscapeDataString))
        : string.Empty);

    private TimeSpan reconnectionTime = options.ReconnectionTime ?? DefaultReconnectionTime;

    /// <summary>The last log index the caller got: where the next connection resumes.</summary>
    private long? resumeAfter = options.Since;

    public async IAsyncEnumerable<FarmEvent> FollowAsync([EnumeratorCancellation] CancellationToken token)
    {
        var index = firstNode;
        var failuresInARow = 0;
        while (true)
        {
            var node = nodes[index];
            var (connection, failure) = await TryOpenAsync(node, token);
            if (connection is not null)
            {
                // A node answered: the next failure is the first in a row again, and waits only the retry time.
                failuresInARow = 0;
                connected(index);
                using (connection)
                {
                    while (true)
                    {
                        (var events, failure) = await TryReadAsync(connection, token);
                        if (events is null)
                        {
                            break;
                        }

                        foreach (var e in events)
                        {
                            Seen(e);
                            yield return e;
                        }
                    }

                    reconnectionTime = options.ReconnectionTime ?? connection.ReconnectionTime ?? reconnectionTime;
                }
            }

            failuresInARow++;
            index = (index + 1) % nodes.Count;
            var delay = Backoff(failuresInARow);
            options.Interrupted?.Invoke(new EventStreamInterruption(node, failure!, resumeAfter, nodes[index], delay));
            await Task.Delay(delay, token);
        }
    }

    /// <summary>Moves the resumption point to <paramref name="e"/>'s index, if it has one.</summary>
    private void Seen(FarmEvent e)
    {
        // A cluster event has no index, and neither has a slow_client reset: the node closes the stream after it,
        // and the next one must start after the last event really received, not after the point it gave up.
        // Resuming after an index skips every event of that entry, including any not received: this relies on the
        // node writing an entry's events in one flush, so that a connection does not break between them.
        if (e.Id is { } id)
        {
            resumeAfter = id;
        }
    }

    /// <summary>The server's retry, doubled for each failure in a row after the first; capped.</summary>
    private TimeSpan Backoff(int failuresInARow)
        => TimeSpan.FromTicks((long)Math.Min(reconnectionTime.Ticks * Math.Pow(2, Math.Min(failuresInARow - 1, 10)), MaxBackoff.Ticks));

    private async Task<(EventStreamConnection? Connection, string? Failure)> TryOpenAsync(Uri node, CancellationToken token)
    {
        try
        {
            // Without a starting index, "from now on" is this node's applied index: a later resumption then knows
            // where this stream began, and misses nothing applied before the first event came.
            resumeAfter ??= await AppliedIndexAsync(node, token);
            return (await EventStreamConnection.OpenAsync(http, node, path, resumeAfter, token), null);
        }
        catch (Exception e) when (IsFailure(e, token))
        {
            return (null, FailureDescription.Of(e));
        }
    }

    /// <exception cref="EventStreamRefusedException">A 401 or 403: the token is missing, wrong or too weak on every node.</exception>
    private async Task<long> AppliedIndexAsync(Uri node, CancellationToken token)
    {
        using var response = await http.GetAsync(new Uri(node, "/cluster/status"), token);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new EventStreamRefusedException(node, await ProblemReader.ReadAsync(response, token));
        }

        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ClusterStatus>(Raft3DJson.Options, token))!.LastAppliedIndex;
    }

    private async Task<(IReadOnlyList<FarmEvent>? Events, string? Failure)> TryReadAsync(EventStreamConnection connection, CancellationToken token)
    {
        try
        {
            return await connection.ReadAsync(options.IdleTimeout, token) is { } events
                ? (events, null)
                : (null, "the node ended the stream");
        }
        catch (Exception e) when (IsFailure(e, token))
        {
            return (null, FailureDescription.Of(e));
        }
    }

    private static bool IsFailure(Exception e, CancellationToken token)
        => e is HttpRequestException or IOException or TimeoutException or JsonException
            || (e is OperationCanceledException && !token.IsCancellationRequested);
}
