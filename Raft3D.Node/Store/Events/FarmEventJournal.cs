using Raft3D.Node.Configuration;
using Raft3D.StateMachine.Changes;

namespace Raft3D.Node.Store.Events;

/// <summary>
/// The farm's changes as this node applies them, for the event stream: the last
/// <see cref="EventOptions.WindowSize"/> events, so a client can resume after a disconnect, and the clients
/// following live. Fed on the applying thread, so it only queues: every client has its own bounded buffer and
/// writes its own socket; one that falls behind is dropped, never waited for. <see cref="EventOptions.ClientBuffer"/>
/// counts entries, each with all the events it made.
/// </summary>
public sealed class FarmEventJournal(Raft3DOptions options) : IAppliedChangesObserver
{
    // A client that overflowed is sent a reset when its socket drains; one that never drains is cut after this.
    private static readonly TimeSpan DropGrace = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private readonly Queue<JournalEvent> window = new();
    private readonly List<EventSubscription> subscribers = [];
    private readonly int windowSize = options.Events.WindowSize;
    private readonly int clientBuffer = options.Events.ClientBuffer;

    // Events of indexes up to here are not all held: resuming from before it needs a reset.
    private long floor;

    // The newest index this journal heard of (events or a snapshot).
    private long newest;
    private long dropped;

    /// <summary>Clients following now.</summary>
    public int SubscriberCount
    {
        get
        {
            lock (gate)
            {
                return subscribers.Count;
            }
        }
    }

    /// <summary>The oldest index a client can resume after without a reset.</summary>
    public long OldestIndex
    {
        get
        {
            lock (gate)
            {
                return floor;
            }
        }
    }

    /// <summary>Clients dropped for falling behind, since start.</summary>
    public long DroppedCount => Interlocked.Read(ref dropped);

    public void Applied(AppliedChanges changes)
    {
        lock (gate)
        {
            newest = Math.Max(newest, changes.Index);
            var entry = changes.Changes.Select(change => new JournalEvent(EventTypes.Of(change.Kind), changes.Index, change)).ToList();
            foreach (var e in entry)
            {
                window.Enqueue(e);
            }

            Fanout(entry);

            while (window.Count > windowSize)
            {
                floor = Math.Max(floor, window.Dequeue().Index!.Value);
            }
        }
    }

    public void Replaced(long index)
    {
        lock (gate)
        {
            window.Clear();
            floor = index;
            newest = index;

            // The reset makes each client reload its lists, and those may be older than events it skipped as
            // already had (it came from a node that was ahead): from the snapshot on, every event is news again.
            foreach (var subscriber in subscribers)
            {
                subscriber.SkipThrough(index);
            }

            Fanout([new JournalEvent(EventTypes.Reset, index, new ResetNotice(ResetReason.Snapshot, index, index))]);
        }
    }

    /// <summary>Sends a live-only event (no id, not kept for resuming) to the clients that want it.</summary>
    public void Announce(JournalEvent e)
    {
        lock (gate)
        {
            Fanout([e]);
        }
    }

    /// <summary>
    /// Starts following: with <paramref name="since"/>, first every held event after it (or a reset if some are no
    /// longer held), then live events after it; without, live events only.
    /// </summary>
    /// <param name="logged">
    /// The newest index in this node's log. A client may come from a node that is ahead, and then waits here
    /// for what it has (a follower holds an entry before it learns that it committed, so its log, not its commit
    /// index, says whether the client's index is on its way). An index beyond this node's whole log was never
    /// an event of this cluster as it now is (its data was wiped and it started anew): that client is reset,
    /// not left waiting for an index that may be hours away.
    /// </param>
    public EventSubscription Subscribe(long? since, IReadOnlySet<string> types, long logged = 0)
    {
        var subscription = new EventSubscription(this, types, clientBuffer, DropGrace);
        lock (gate)
        {
            if (since is { } after && after >= floor && after <= Math.Max(newest, logged))
            {
                // A client may come from a node that is ahead of this one: what it has, it is not sent again.
                subscription.Replay = [.. window.Where(e => e.Index > after && subscription.Wants(e))];
                subscription.SkipThrough(Math.Max(after, newest));
            }
            else if (since is not null)
            {
                subscription.Replay = [new JournalEvent(EventTypes.Reset, newest, new ResetNotice(ResetReason.Window, newest, floor))];
                subscription.SkipThrough(newest);
            }
            else
            {
                subscription.SkipThrough(newest);
            }

            subscribers.Add(subscription);
        }

        return subscription;
    }

    internal void Unsubscribe(EventSubscription subscription)
    {
        lock (gate)
        {
            subscribers.Remove(subscription);
        }

        subscription.Close();
    }

    private void Fanout(IReadOnlyList<JournalEvent> entry)
    {
        for (var i = subscribers.Count - 1; i >= 0; i--)
        {
            if (!subscribers[i].Offer(entry))
            {
                subscribers.RemoveAt(i);
                Interlocked.Increment(ref dropped);
            }
        }
    }
}
