using System.Threading.Channels;

namespace Raft3D.Node.Store.Events;

/// <summary>
/// One client's view of the journal: what it missed (<see cref="Replay"/>), then what happens next
/// (<see cref="Live"/>), with nothing lost or sent twice between them. Live events come one log entry at a time
/// (all the events one entry made, as one item), so a stream never flushes half an entry: a client that resumes
/// after an entry's index has all of it. Its buffer is bounded, in entries: a client that falls behind it is
/// marked <see cref="Overflowed"/>, its live events stop, and, if it still does not read, <see cref="Dropped"/>
/// fires so its connection can be cut. Disposing it unsubscribes.
/// </summary>
public sealed class EventSubscription : IDisposable
{
    private readonly FarmEventJournal journal;
    private readonly IReadOnlySet<string> types;
    private readonly Channel<IReadOnlyList<JournalEvent>> live;
    private readonly CancellationTokenSource dropped = new();
    private readonly TimeSpan dropGrace;
    private long skipThrough;

    internal EventSubscription(FarmEventJournal journal, IReadOnlySet<string> types, int buffer, TimeSpan dropGrace)
    {
        this.journal = journal;
        this.types = types;
        this.dropGrace = dropGrace;
        live = Channel.CreateBounded<IReadOnlyList<JournalEvent>>(new BoundedChannelOptions(buffer) { SingleReader = true, SingleWriter = true });
    }

    /// <summary>Events it missed, oldest first (an entry's events next to each other); a reset first if what it missed is no longer held.</summary>
    public IReadOnlyList<JournalEvent> Replay { get; internal set; } = [];

    /// <summary>What happens next: each item is the events one log entry made (or one live-only event).</summary>
    public ChannelReader<IReadOnlyList<JournalEvent>> Live => live.Reader;

    /// <summary>It fell more than its buffer behind: send it a reset and close.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>Fires a grace period after it overflowed, for a client that does not even read the reset.</summary>
    public CancellationToken Dropped => dropped.Token;

    public void Dispose()
    {
        journal.Unsubscribe(this);
        dropped.Dispose();
    }

    /// <summary>Whether the client asked for events of this type; resets always go.</summary>
    internal bool Wants(JournalEvent e) => e.Type == EventTypes.Reset || types.Contains(e.Type);

    /// <summary>Live events up to this index were sent in the replay, or the client has them from another node.</summary>
    internal void SkipThrough(long index) => skipThrough = index;

    /// <summary>
    /// Called under the journal's lock, in log order, with the events of one entry. False once the client
    /// overflowed: unsubscribe it.
    /// </summary>
    internal bool Offer(IReadOnlyList<JournalEvent> entry)
    {
        var wanted = entry.Where(e => Wants(e) && (e.Type == EventTypes.Reset || e.Index is not { } index || index > skipThrough)).ToList();
        if (wanted.Count == 0 || live.Writer.TryWrite(wanted))
        {
            return true;
        }

        Overflowed = true;
        live.Writer.TryComplete();
        dropped.CancelAfter(dropGrace);
        return false;
    }

    internal void Close() => live.Writer.TryComplete();
}
