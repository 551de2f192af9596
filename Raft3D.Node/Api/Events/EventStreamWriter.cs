using System.Buffers;
using System.Text;
using Raft3D.Node.Store.Events;

namespace Raft3D.Node.Api.Events;

/// <summary>
/// Writes one client's stream: the greeting, what it missed, then live events as they come, and a comment line
/// when the stream is quiet. Ends when the client leaves, the node stops, or the client fell behind (then with a
/// reset that has no id, so the client's Last-Event-ID still names the last event it really got).
/// </summary>
/// <remarks>
/// Kestrel sends every <c>Body.WriteAsync</c> at once (a write is a write and a flush), and a stopping node or a
/// leaving client cancels the next one. So events are gathered into one buffer of whole entries and written with
/// one call: a stream cut between two writes never ends inside an entry, and a client that resumes after the last
/// id it got misses none of that entry's events.
/// </remarks>
internal sealed class EventStreamWriter(HttpResponse response, EventFrameRenderer renderer, FarmEventJournal journal, TimeSpan heartbeat)
{
    // Events per write: a replay of the whole window is a few dozen writes, not ten thousand.
    private const int WriteEvery = 256;

    // A batch buffer grown past this by a replay is let go once sent: an idle stream should not keep it for hours.
    private const int KeptBufferBytes = 64 * 1024;

    private static readonly byte[] Preamble = Encoding.UTF8.GetBytes("retry: 1000\n\n");
    private static readonly byte[] Heartbeat = Encoding.UTF8.GetBytes(": heartbeat\n\n");

    private ArrayBufferWriter<byte> batch = new(16 * 1024);
    private long lastSentIndex;
    private long batchIndex;

    /// <param name="greeting">The cluster event a client that asked for them gets first.</param>
    public async Task RunAsync(EventSubscription subscription, JournalEvent? greeting, long since, CancellationToken token)
    {
        lastSentIndex = since;
        batchIndex = since;
        batch.Write(Preamble);
        if (greeting is not null)
        {
            Add(greeting);
        }

        var pending = 0;
        foreach (var e in subscription.Replay)
        {
            // Written only between entries: the events of one entry leave in the same write.
            if (pending >= WriteEvery && e.Index != batchIndex)
            {
                await SendAsync(token);
                pending = 0;
            }

            Add(e);
            pending++;
        }

        await SendAsync(token);
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

            // Each item is one entry's events: whole items only, so no write ends inside an entry.
            var written = 0;
            while (written < WriteEvery && !subscription.Overflowed && reader.TryRead(out var entry))
            {
                foreach (var e in entry)
                {
                    Add(e);
                }

                written += entry.Count;
            }

            await SendAsync(token);
        }

        if (subscription.Overflowed)
        {
            Add(new JournalEvent(EventTypes.Reset, null, new ResetNotice(ResetReason.SlowClient, lastSentIndex, journal.OldestIndex)));
            await SendAsync(token);
        }
    }

    private void Add(JournalEvent e)
    {
        batch.Write(e.Frame(renderer.Render));
        if (e.Index is { } index)
        {
            batchIndex = index;
        }
    }

    private async Task SendAsync(CancellationToken token)
    {
        if (batch.WrittenCount > 0)
        {
            await response.Body.WriteAsync(batch.WrittenMemory, token);
            await response.Body.FlushAsync(token);
            if (batch.Capacity > KeptBufferBytes)
            {
                batch = new(16 * 1024);
            }
            else
            {
                batch.ResetWrittenCount();
            }
        }

        lastSentIndex = batchIndex;
    }
}
