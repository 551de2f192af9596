using System.Text;
using Raft3D.Node.Store.Events;

namespace Raft3D.Node.Api.Events;

/// <summary>
/// Writes one client's stream: the greeting, what it missed, then live events as they come, in batches of whole
/// entries with one flush each (an entry's several events leave together), and a comment line when the stream is quiet. Ends when
/// the client leaves, the node stops, or the client fell behind (then with a reset that has no id, so the
/// client's Last-Event-ID still names the last event it really got).
/// </summary>
internal sealed class EventStreamWriter(HttpResponse response, EventFrameRenderer renderer, FarmEventJournal journal, TimeSpan heartbeat)
{
    private static readonly byte[] Preamble = Encoding.UTF8.GetBytes("retry: 1000\n\n");
    private static readonly byte[] Heartbeat = Encoding.UTF8.GetBytes(": heartbeat\n\n");
    private const int FlushEvery = 256;

    private long lastSentIndex;

    /// <param name="greeting">The cluster event a client that asked for them gets first.</param>
    public async Task RunAsync(EventSubscription subscription, JournalEvent? greeting, long since, CancellationToken token)
    {
        lastSentIndex = since;
        await response.Body.WriteAsync(Preamble, token);
        if (greeting is not null)
        {
            await WriteAsync(greeting, token);
        }

        var pending = 0;
        foreach (var e in subscription.Replay)
        {
            // Flush only between entries: a connection cut after a flush has every event of the last entry sent.
            if (pending >= FlushEvery && e.Index != lastSentIndex)
            {
                await response.Body.FlushAsync(token);
                pending = 0;
            }

            await WriteAsync(e, token);
            pending++;
        }

        await response.Body.FlushAsync(token);
        await FollowAsync(subscription, token);
    }

    private async Task FollowAsync(EventSubscription subscription, CancellationToken token)
    {
        var reader = subscription.Live;
        Task<bool>? waiting = null;
        while (true)
        {
            waiting ??= reader.WaitToReadAsync(token).AsTask();
            using (var quiet = CancellationTokenSource.CreateLinkedTokenSource(token))
            {
                var woke = await Task.WhenAny(waiting, Task.Delay(heartbeat, quiet.Token));
                await quiet.CancelAsync();
                if (woke != waiting)
                {
                    await response.Body.WriteAsync(Heartbeat, token);
                    await response.Body.FlushAsync(token);
                    continue;
                }
            }

            var more = await waiting;
            waiting = null;
            if (!more || subscription.Overflowed)
            {
                break;
            }

            var written = 0;
            while (written < FlushEvery && !subscription.Overflowed && reader.TryRead(out var entry))
            {
                foreach (var e in entry)
                {
                    await WriteAsync(e, token);
                }

                written += entry.Count;
            }

            await response.Body.FlushAsync(token);
        }

        if (subscription.Overflowed)
        {
            var reset = new JournalEvent(EventTypes.Reset, null, new ResetNotice(ResetReason.SlowClient, lastSentIndex, journal.OldestIndex));
            await WriteAsync(reset, token);
            await response.Body.FlushAsync(token);
        }
    }

    private async Task WriteAsync(JournalEvent e, CancellationToken token)
    {
        await response.Body.WriteAsync(e.Frame(renderer.Render), token);
        if (e.Index is { } index)
        {
            lastSentIndex = index;
        }
    }
}
