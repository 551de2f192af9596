using System.Text;
using Raft3D.Client;

namespace Raft3D.Tests.Cli;

/// <summary>The client's reading of text/event-stream, against the WHATWG standard's rules and the bytes a network splits anywhere.</summary>
[TestFixture]
[Category("Fast")]
public sealed class ServerSentEventParserTests
{
    // What GET /api/v1/events sends: the retry line, the cluster event without an id, two events of one log
    // entry, a heartbeat, and a multi-line data field; with a two-byte character in it.
    private const string Stream =
        "retry: 1000\n\n" +
        "event: cluster\ndata: {\"node_id\":\"node2\",\"role\":\"follower\"}\n\n" +
        "event: filament\nid: 42\ndata: {\"id\":\"f1\",\"color\":\"Grün\"}\n\n" +
        "event: print_job\nid: 42\ndata: {\"id\":\"j1\",\"status\":\"Done\"}\n\n" +
        ": heartbeat\n\n" +
        "data: first line\ndata:second line\ndata\n\n";

    private static readonly ServerSentEvent[] Expected =
    [
        new("cluster", "{\"node_id\":\"node2\",\"role\":\"follower\"}", null),
        new("filament", "{\"id\":\"f1\",\"color\":\"Grün\"}", "42"),
        new("print_job", "{\"id\":\"j1\",\"status\":\"Done\"}", "42"),
        new("message", "first line\nsecond line\n", null),
    ];

    [Test]
    public void A_stream_gives_its_events_in_order_with_their_type_data_and_own_id()
    {
        var parser = new ServerSentEventParser();

        var events = parser.Feed(Encoding.UTF8.GetBytes(Stream));

        Assert.Multiple(() =>
        {
            Assert.That(events, Is.EqualTo(Expected));
            Assert.That(parser.LastEventId, Is.EqualTo("42"), "events without an id keep the last one for a reconnection");
            Assert.That(parser.ReconnectionTime, Is.EqualTo(TimeSpan.FromSeconds(1)));
        });
    }

    [TestCase("\r\n")]
    [TestCase("\r")]
    public void Crlf_and_lone_cr_line_ends_read_as_lf_does(string lineEnd)
    {
        var events = new ServerSentEventParser().Feed(Encoding.UTF8.GetBytes(Stream.Replace("\n", lineEnd, StringComparison.Ordinal)));

        Assert.That(events, Is.EqualTo(Expected));
    }

    [TestCase("\n")]
    [TestCase("\r\n")]
    [TestCase("\r")]
    public void Bytes_split_anywhere_give_the_same_events(string lineEnd)
    {
        // A network delivers any split: between a CR and its LF, inside "Grün"'s two bytes, inside a field name.
        var bytes = Encoding.UTF8.GetBytes(Stream.Replace("\n", lineEnd, StringComparison.Ordinal));
        for (var split = 0; split <= bytes.Length; split++)
        {
            var parser = new ServerSentEventParser();
            var events = parser.Feed(bytes.AsSpan(0, split)).Concat(parser.Feed(bytes.AsSpan(split))).ToList();

            Assert.That(events, Is.EqualTo(Expected), $"split at byte {split}");
        }
    }

    [Test]
    public void Bytes_fed_one_at_a_time_give_the_same_events()
    {
        var parser = new ServerSentEventParser();

        var events = Encoding.UTF8.GetBytes(Stream).SelectMany(b => parser.Feed([b])).ToList();

        Assert.That(events, Is.EqualTo(Expected));
    }

    [Test]
    public void A_lone_cr_ends_the_event_at_once_without_waiting_for_the_next_byte()
    {
        var events = new ServerSentEventParser().Feed("event: print_job\rid: 7\rdata: {}\r\r"u8);

        Assert.That(events, Is.EqualTo(new[] { new ServerSentEvent("print_job", "{}", "7") }));
    }

    [Test]
    public void An_event_not_ended_by_a_blank_line_is_not_dispatched()
    {
        var parser = new ServerSentEventParser();

        var cut = parser.Feed("event: print_job\nid: 9\ndata: {\"id\":\"j1\"}\n"u8);

        Assert.Multiple(() =>
        {
            Assert.That(cut, Is.Empty, "a stream that breaks here never shows a torn event");
            Assert.That(parser.Feed("\n"u8), Has.Count.EqualTo(1), "the blank line completes it");
        });
    }

    [Test]
    public void An_id_without_data_dispatches_nothing_but_is_the_id_to_reconnect_with()
    {
        var parser = new ServerSentEventParser();

        var events = parser.Feed("id: 17\n\ndata: x\n\n"u8);

        Assert.Multiple(() =>
        {
            Assert.That(events, Is.EqualTo(new[] { new ServerSentEvent("message", "x", null) }));
            Assert.That(parser.LastEventId, Is.EqualTo("17"));
        });
    }

    [Test]
    public void An_id_with_a_nul_is_ignored_and_an_empty_id_clears_the_last_one()
    {
        var parser = new ServerSentEventParser();

        parser.Feed("id: 5\ndata: a\n\nid: 6\0\ndata: b\n\n"u8);
        var kept = parser.LastEventId;
        parser.Feed("id\ndata: c\n\n"u8);

        Assert.Multiple(() =>
        {
            Assert.That(kept, Is.EqualTo("5"));
            Assert.That(parser.LastEventId, Is.Empty);
        });
    }

    [Test]
    public void Only_one_space_after_the_colon_is_dropped_and_unknown_fields_and_comments_are_ignored()
    {
        var events = new ServerSentEventParser().Feed(":comment\nfoo: bar\ndata:  two spaces\nDATA: not a field\n\n"u8);

        Assert.That(events, Is.EqualTo(new[] { new ServerSentEvent("message", " two spaces", null) }));
    }

    [TestCase("retry: 250", 250)]
    [TestCase("retry: 25x", null)]
    [TestCase("retry: -1", null)]
    [TestCase("retry:", null)]
    public void Retry_takes_digits_only(string line, int? milliseconds)
    {
        var parser = new ServerSentEventParser();

        parser.Feed(Encoding.UTF8.GetBytes(line + "\n\n"));

        Assert.That(parser.ReconnectionTime, Is.EqualTo(milliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null));
    }

    [Test]
    public void A_byte_order_mark_at_the_start_is_not_part_of_the_first_field()
    {
        var events = new ServerSentEventParser().Feed([0xEF, 0xBB, 0xBF, .. "event: reset\ndata: {}\n\n"u8]);

        Assert.That(events, Is.EqualTo(new[] { new ServerSentEvent("reset", "{}", null) }));
    }

    [Test]
    public void The_type_of_an_event_does_not_leak_into_the_next()
    {
        var events = new ServerSentEventParser().Feed("event: ledger\ndata: 1\n\ndata: 2\n\n"u8);

        Assert.That(events.Select(e => e.Type), Is.EqualTo(new[] { "ledger", "message" }));
    }
}
