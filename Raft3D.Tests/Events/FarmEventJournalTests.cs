using Raft3D.Node.Configuration;
using Raft3D.Node.Store.Events;
using Raft3D.StateMachine.Changes;

namespace Raft3D.Tests.Events;

/// <summary>
/// The journal behind /api/v1/events: resuming gives exactly what was missed, in order; what it no longer holds
/// gives a reset; a client that does not read is dropped without anyone waiting for it.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class FarmEventJournalTests
{
    private static readonly IReadOnlySet<string> AllTypes = new HashSet<string>(EventTypes.Filterable);

    [Test]
    public void Without_since_a_client_gets_only_what_happens_next()
    {
        var journal = Journal();
        Apply(journal, 1, FarmChangeKind.Printer);
        using var subscription = journal.Subscribe(null, AllTypes);
        Apply(journal, 2, FarmChangeKind.Printer);
        Assert.Multiple(() =>
        {
            Assert.That(subscription.Replay, Is.Empty);
            Assert.That(Drain(subscription), Is.EqualTo(new long?[] { 2 }));
        });
    }

    [Test]
    public void Resuming_replays_every_held_event_after_the_index_then_continues_live_without_gap_or_duplicate()
    {
        var journal = Journal();
        Apply(journal, 1, FarmChangeKind.Printer);
        Apply(journal, 2, FarmChangeKind.Filament, FarmChangeKind.Ledger);
        Apply(journal, 4, FarmChangeKind.PrintJob);
        using var subscription = journal.Subscribe(1, AllTypes);
        Apply(journal, 5, FarmChangeKind.Printer);
        Assert.Multiple(() =>
        {
            Assert.That(subscription.Replay.Select(e => (e.Index, e.Type)), Is.EqualTo(new (long?, string)[]
            {
                (2, EventTypes.Filament), (2, EventTypes.Ledger), (4, EventTypes.PrintJob),
            }));
            Assert.That(Drain(subscription), Is.EqualTo(new long?[] { 5 }));
        });
    }

    [Test]
    public void Resuming_from_before_the_window_starts_with_a_reset_naming_where_events_resume()
    {
        var journal = Journal(windowSize: 3);
        for (var index = 1; index <= 6; index++)
        {
            Apply(journal, index, FarmChangeKind.Printer);
        }

        using var tooOld = journal.Subscribe(2, AllTypes);
        using var justInside = journal.Subscribe(3, AllTypes);
        var reset = (ResetNotice)tooOld.Replay.Single().Data;
        Assert.Multiple(() =>
        {
            Assert.That(tooOld.Replay.Single().Type, Is.EqualTo(EventTypes.Reset));
            Assert.That(reset, Is.EqualTo(new ResetNotice(ResetReason.Window, 6, 3)));
            Assert.That(justInside.Replay.Select(e => e.Index), Is.EqualTo(new long?[] { 4, 5, 6 }));
        });
    }

    [Test]
    public void A_client_that_is_ahead_of_this_node_is_not_sent_what_it_already_has()
    {
        var journal = Journal();
        Apply(journal, 1, FarmChangeKind.Printer);
        using var subscription = journal.Subscribe(3, AllTypes, logged: 3);
        Apply(journal, 2, FarmChangeKind.Printer);
        Apply(journal, 3, FarmChangeKind.Printer);
        Apply(journal, 4, FarmChangeKind.Printer);
        Assert.That(Drain(subscription), Is.EqualTo(new long?[] { 4 }));
    }

    [Test]
    public void A_client_ahead_of_this_nodes_whole_log_is_reset_not_left_waiting()
    {
        // Its index came from a cluster whose data was since wiped: this one may not reach it for hours.
        var journal = Journal();
        Apply(journal, 1, FarmChangeKind.Printer);
        Apply(journal, 2, FarmChangeKind.Printer);
        using var subscription = journal.Subscribe(46, AllTypes, logged: 3);
        Apply(journal, 4, FarmChangeKind.Printer);
        Assert.Multiple(() =>
        {
            Assert.That(subscription.Replay.Single().Type, Is.EqualTo(EventTypes.Reset));
            Assert.That(((ResetNotice)subscription.Replay.Single().Data).Index, Is.EqualTo(2));
            Assert.That(Drain(subscription), Is.EqualTo(new long?[] { 4 }));
        });
    }

    [Test]
    public void A_type_filter_keeps_other_types_out_of_the_replay_and_the_live_events()
    {
        var journal = Journal();
        Apply(journal, 1, FarmChangeKind.Printer, FarmChangeKind.Filament);
        using var subscription = journal.Subscribe(0, new HashSet<string> { EventTypes.Filament });
        Apply(journal, 2, FarmChangeKind.Printer, FarmChangeKind.Filament);
        Assert.Multiple(() =>
        {
            Assert.That(subscription.Replay.Select(e => e.Type), Is.EqualTo(new[] { EventTypes.Filament }));
            Assert.That(Drain(subscription), Is.EqualTo(new long?[] { 2 }));
        });
    }

    [Test]
    public void A_client_that_stops_reading_is_dropped_and_the_others_keep_every_event()
    {
        var journal = Journal(clientBuffer: 16);
        using var stalled = journal.Subscribe(null, AllTypes);
        using var reading = journal.Subscribe(null, AllTypes);
        var received = new List<long?>();
        for (var index = 1; index <= 100; index++)
        {
            Apply(journal, index, FarmChangeKind.Printer);
            received.AddRange(Drain(reading));
        }

        Assert.Multiple(() =>
        {
            Assert.That(stalled.Overflowed, Is.True);
            Assert.That(journal.DroppedCount, Is.EqualTo(1));
            Assert.That(journal.SubscriberCount, Is.EqualTo(1));
            Assert.That(received, Is.EqualTo(Enumerable.Range(1, 100).Select(i => (long?)i)));
            Assert.That(reading.Overflowed, Is.False);
        });
    }

    [Test]
    public void A_snapshot_install_resets_live_clients_and_the_window()
    {
        var journal = Journal();
        Apply(journal, 1, FarmChangeKind.Printer);
        using var subscription = journal.Subscribe(null, new HashSet<string> { EventTypes.PrintJob });
        journal.Replaced(50);
        Apply(journal, 51, FarmChangeKind.PrintJob);
        subscription.Live.TryRead(out var resetEntry);
        var reset = resetEntry!.Single();
        using var resumedFromBefore = journal.Subscribe(1, AllTypes);
        Assert.Multiple(() =>
        {
            Assert.That(reset.Type, Is.EqualTo(EventTypes.Reset));
            Assert.That(((ResetNotice)reset.Data).Reason, Is.EqualTo(ResetReason.Snapshot));
            Assert.That(Drain(subscription), Is.EqualTo(new long?[] { 51 }));
            Assert.That(resumedFromBefore.Replay.Single().Type, Is.EqualTo(EventTypes.Reset));
            Assert.That(journal.OldestIndex, Is.EqualTo(50));
        });
    }

    [Test]
    public void After_a_snapshot_reset_a_client_that_came_from_a_node_ahead_gets_every_later_event()
    {
        // The client had index 10 from another node; this one is at 1, then installs a snapshot at 8. The client
        // reloads its lists after the reset, at 8 or later: events 9 and 10 may be newer than what it reloaded.
        var journal = Journal();
        Apply(journal, 1, FarmChangeKind.Printer);
        using var subscription = journal.Subscribe(10, AllTypes);
        journal.Replaced(8);
        for (var index = 9; index <= 11; index++)
        {
            Apply(journal, index, FarmChangeKind.Printer);
        }

        Assert.That(Drain(subscription), Is.EqualTo(new long?[] { 8, 9, 10, 11 }), "the reset (at 8), then every event after it");
    }

    [Test]
    public void An_entrys_events_reach_a_client_as_one_item_so_a_stream_never_flushes_half_an_entry()
    {
        var journal = Journal();
        using var subscription = journal.Subscribe(null, new HashSet<string> { EventTypes.Filament, EventTypes.Ledger, EventTypes.PrintJob });
        Apply(journal, 7, FarmChangeKind.PrintJob, FarmChangeKind.Filament, FarmChangeKind.Ledger, FarmChangeKind.Printer);
        Assert.Multiple(() =>
        {
            Assert.That(subscription.Live.TryRead(out var entry), Is.True);
            Assert.That(entry!.Select(e => e.Type), Is.EqualTo(new[] { EventTypes.PrintJob, EventTypes.Filament, EventTypes.Ledger }), "the printer event is filtered out, the rest travel together");
            Assert.That(subscription.Live.TryRead(out _), Is.False);
        });
    }

    [Test]
    public void A_client_that_leaves_is_forgotten()
    {
        var journal = Journal();
        var subscription = journal.Subscribe(null, AllTypes);
        subscription.Dispose();
        Apply(journal, 1, FarmChangeKind.Printer);
        Assert.That(journal.SubscriberCount, Is.Zero);
    }

    private static FarmEventJournal Journal(int windowSize = 100, int clientBuffer = 1000)
        => new(new Raft3DOptions { Events = new EventOptions { WindowSize = windowSize, ClientBuffer = clientBuffer } });

    private static void Apply(FarmEventJournal journal, long index, params FarmChangeKind[] kinds)
        => journal.Applied(new AppliedChanges(index, [.. kinds.Select(kind => new FarmChange(kind, $"entity {index}"))]));

    private static List<long?> Drain(EventSubscription subscription)
    {
        var indexes = new List<long?>();
        while (subscription.Live.TryRead(out var entry))
        {
            indexes.AddRange(entry.Select(e => e.Index));
        }

        return indexes;
    }
}
