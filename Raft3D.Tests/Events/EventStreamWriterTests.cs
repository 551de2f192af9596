using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Raft3D.Node.Api.Events;
using Raft3D.Node.Configuration;
using Raft3D.Node.Store.Events;
using Raft3D.StateMachine.Changes;
using Raft3D.StateMachine.Stock;
using MvcJsonOptions = Microsoft.AspNetCore.Mvc.JsonOptions;

namespace Raft3D.Tests.Events;

/// <summary>
/// Kestrel sends each write of a response body at once, and a stopping node cancels the next write: the events of
/// one entry must leave in one write, or a client cut between two writes resumes after an entry it has half of.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed partial class EventStreamWriterTests
{
    private static readonly IReadOnlySet<string> AllTypes = new HashSet<string>(EventTypes.Filterable);

    [Test]
    public async Task Live_entries_leave_whole_each_in_a_single_write()
    {
        var journal = Journal();
        var subscription = journal.Subscribe(null, AllTypes);
        Apply(journal, 7, FarmChangeKind.PrintJob, FarmChangeKind.Filament, FarmChangeKind.Ledger, FarmChangeKind.Printer);
        Apply(journal, 8, FarmChangeKind.Printer, FarmChangeKind.PrintJob);

        var writes = await RunUntilEndAsync(subscription);

        Assert.That(IdsByWrite(writes).SelectMany(ids => ids), Is.EqualTo(new long[] { 7, 7, 7, 7, 8, 8 }), "every event written");
        AssertNoEntrySpansTwoWrites(writes);
    }

    [Test]
    public async Task A_long_replay_is_written_in_batches_that_split_only_between_entries()
    {
        var journal = Journal();
        for (var index = 1; index <= 300; index++)
        {
            Apply(journal, index, FarmChangeKind.Filament, FarmChangeKind.Ledger, FarmChangeKind.PrintJob);
        }

        var writes = await RunUntilEndAsync(journal.Subscribe(0, AllTypes));
        var ids = IdsByWrite(writes);

        Assert.Multiple(() =>
        {
            Assert.That(ids.Count(batch => batch.Count > 0), Is.GreaterThan(1), "a replay of 900 events is more than one write");
            Assert.That(ids.SelectMany(batch => batch).Distinct(), Is.EqualTo(Enumerable.Range(1, 300).Select(i => (long)i)), "every entry, in order");
        });
        AssertNoEntrySpansTwoWrites(writes);
    }

    [Test]
    public async Task A_client_that_falls_a_buffer_behind_gets_the_entries_already_taken_then_a_reset_without_an_id()
    {
        var journal = Journal(clientBuffer: 16);
        var subscription = journal.Subscribe(null, AllTypes);
        var body = new WriteRecordingStream(writesBeforeStall: 1);
        Apply(journal, 1, FarmChangeKind.PrintJob, FarmChangeKind.Filament);
        var running = Writer(body, journal).RunAsync(subscription, greeting: null, since: 0, CancellationToken.None);

        // Entry 1 is being written to a full socket; 20 more entries come meanwhile, four more than the buffer.
        await body.Stalled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        for (var index = 2; index <= 21; index++)
        {
            Apply(journal, index, FarmChangeKind.Printer);
        }

        body.Release();
        await running.WaitAsync(TimeSpan.FromSeconds(30));
        subscription.Dispose();

        var last = body.Writes[^1];
        Assert.Multiple(() =>
        {
            Assert.That(subscription.Overflowed, Is.True);
            Assert.That(IdsByWrite(body.Writes).SelectMany(ids => ids), Is.EqualTo(new long[] { 1, 1 }), "what was written before it fell behind, nothing after");
            Assert.That(last, Does.StartWith("event: reset\ndata: ").And.Contain("\"reason\":\"slow_client\"").And.Contain("\"index\":1,"), "a reset naming the last entry sent");
            Assert.That(last, Does.Not.Contain("id:"), "no id, so the client's Last-Event-ID still names the last event it got");
        });
    }

    private static async Task<IReadOnlyList<string>> RunUntilEndAsync(EventSubscription subscription)
    {
        var body = new WriteRecordingStream();

        // Unsubscribing completes the live channel: the writer sends what it holds, then returns.
        var running = Writer(body, Journal()).RunAsync(subscription, greeting: null, since: 0, CancellationToken.None);
        subscription.Dispose();
        await running.WaitAsync(TimeSpan.FromSeconds(30));
        return body.Writes;
    }

    private static List<List<long>> IdsByWrite(IEnumerable<string> writes)
        => [.. writes.Select(write => IdLine().Matches(write).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList())];

    private static void AssertNoEntrySpansTwoWrites(IEnumerable<string> writes)
    {
        var seenIn = new Dictionary<long, int>();
        var split = new List<string>();
        foreach (var (ids, write) in IdsByWrite(writes).Select((ids, write) => (ids, write)))
        {
            foreach (var id in ids.Distinct())
            {
                if (seenIn.TryGetValue(id, out var earlier) && earlier != write)
                {
                    split.Add($"entry {id} in writes {earlier} and {write}");
                }

                seenIn[id] = write;
            }
        }

        Assert.That(split, Is.Empty, "each entry's events in one write");
    }

    private static EventStreamWriter Writer(Stream body, FarmEventJournal journal)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = body;
        var renderer = new EventFrameRenderer(Options.Create(new MvcJsonOptions()), new StockPolicy(0.1m));
        return new EventStreamWriter(context.Response, renderer, journal, TimeSpan.FromMinutes(1));
    }

    private static FarmEventJournal Journal(int clientBuffer = 1_000)
        => new(new Raft3DOptions { Events = new EventOptions { WindowSize = 10_000, ClientBuffer = clientBuffer } });

    private static void Apply(FarmEventJournal journal, long index, params FarmChangeKind[] kinds)
        => journal.Applied(new AppliedChanges(index, [.. kinds.Select(kind => new FarmChange(kind, $"entity {index}"))]));

    [GeneratedRegex(@"^id: (\d+)$", RegexOptions.Multiline)]
    private static partial Regex IdLine();
}
