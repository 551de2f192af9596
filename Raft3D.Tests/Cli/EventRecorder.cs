using Raft3D.Client;

namespace Raft3D.Tests.Cli;

/// <summary>
/// A client's event watch running in the background, keeping every event it is given, for a test to wait on.
/// Disposing it leaves the watch, as a caller breaking out of its loop does: the connection closes.
/// </summary>
internal sealed class EventRecorder : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly List<FarmEvent> events = [];
    private readonly Task running;

    public EventRecorder(Raft3DClient client, EventWatchOptions options)
    {
        running = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in client.WatchEventsAsync(options, stop.Token))
                {
                    lock (events)
                    {
                        events.Add(e);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Left on purpose.
            }
        });
    }

    /// <summary>What it was given so far, in order.</summary>
    public IReadOnlyList<FarmEvent> Events
    {
        get
        {
            lock (events)
            {
                return [.. events];
            }
        }
    }

    /// <summary>Waits until it was given an event at log index <paramref name="index"/> or later; answers all it has then.</summary>
    public async Task<IReadOnlyList<FarmEvent>> ThroughAsync(long index, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (running.IsFaulted)
            {
                Assert.Fail($"Expected events through log index {index}; the watch failed: {running.Exception}");
            }

            var seen = Events;
            if (seen.Any(e => e.Id >= index))
            {
                return seen;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Expected events through log index {index} within {timeout.TotalSeconds} s; got: {string.Join(", ", seen.Select(e => $"{e.Type} {e.Id}"))}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Leaves the watch; a second call does nothing (a test may leave early and still be covered by <c>await using</c>).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await stop.CancelAsync();
        }

        await running;
    }
}
