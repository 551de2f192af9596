using System.Globalization;
using System.Text;

namespace Raft3D.Client;

/// <summary>
/// Reads the <c>text/event-stream</c> format as the WHATWG HTML standard defines it ("Server-sent events",
/// interpreting an event stream), fed with the bytes of a response body in whatever pieces the network delivers.
/// Lines end with CRLF, LF or a lone CR; a blank line dispatches the event built so far; a line starting with ':'
/// is a comment (a heartbeat); <c>event</c>, <c>data</c>, <c>id</c> and <c>retry</c> are the fields, any other
/// is ignored. One parser per connection: a half-built event at the end of a stream is dropped, as the
/// standard says, so a stream that breaks mid-event never yields a torn one.
/// </summary>
internal sealed class ServerSentEventParser
{
    private static readonly IReadOnlyList<ServerSentEvent> None = [];

    // UTF-8 only (the standard allows no other); the decoder keeps a character split between two reads.
    private readonly Decoder decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetDecoder();
    private readonly StringBuilder line = new();
    private readonly StringBuilder data = new();
    private string eventType = string.Empty;
    private string? eventId;
    private bool atStart = true;

    // A CR ends its line at once (waiting for a possible LF would hold the event until the next byte, which may
    // be a heartbeat 15 s away); an LF right after it is then the same line break, not a blank line.
    private bool afterCarriageReturn;

    /// <summary>The last <c>id:</c> seen on this stream (the standard's last event ID buffer): what a reconnection sends.</summary>
    public string LastEventId { get; private set; } = string.Empty;

    /// <summary>The last valid <c>retry:</c> field: how long the server asks a client to wait before reconnecting.</summary>
    public TimeSpan? ReconnectionTime { get; private set; }

    /// <summary>Takes the next bytes of the stream; answers the events they completed, oldest first.</summary>
    public IReadOnlyList<ServerSentEvent> Feed(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[decoder.GetCharCount(bytes, flush: false)];
        var count = decoder.GetChars(bytes, chars, flush: false);
        return Feed(chars.AsSpan(0, count));
    }

    /// <summary>Takes the next characters of the stream; answers the events they completed, oldest first.</summary>
    public IReadOnlyList<ServerSentEvent> Feed(ReadOnlySpan<char> text)
    {
        if (atStart && text.Length > 0)
        {
            // One byte order mark may open the stream; it is not part of the first line.
            atStart = false;
            if (text[0] == '\uFEFF')
            {
                text = text[1..];
            }
        }

        List<ServerSentEvent>? dispatched = null;
        while (text.Length > 0)
        {
            if (afterCarriageReturn)
            {
                afterCarriageReturn = false;
                if (text[0] == '\n')
                {
                    text = text[1..];
                    continue;
                }
            }

            var end = text.IndexOfAny('\r', '\n');
            if (end < 0)
            {
                line.Append(text);
                break;
            }

            line.Append(text[..end]);
            afterCarriageReturn = text[end] == '\r';
            text = text[(end + 1)..];
            if (EndLine() is { } dispatch)
            {
                (dispatched ??= []).Add(dispatch);
            }
        }

        return dispatched ?? None;
    }

    private ServerSentEvent? EndLine()
    {
        var text = line.ToString();
        line.Clear();
        if (text.Length == 0)
        {
            return Dispatch();
        }

        if (text[0] == ':')
        {
            return null;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? text : text[..colon];
        var value = colon < 0 ? string.Empty : text[(colon + 1)..];
        if (value.StartsWith(' '))
        {
            value = value[1..];
        }

        switch (name)
        {
            case "event":
                eventType = value;
                break;
            case "data":
                data.Append(value).Append('\n');
                break;
            case "id" when !value.Contains('\0', StringComparison.Ordinal):
                eventId = value;
                LastEventId = value;
                break;
            case "retry" when value.Length > 0 && value.All(char.IsAsciiDigit):
                // Digits only, as the standard says; a value too large for a long is as good as "never".
                ReconnectionTime = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                    ? TimeSpan.FromMilliseconds(Math.Min(ms, (long)TimeSpan.MaxValue.TotalMilliseconds))
                    : TimeSpan.MaxValue;
                break;
        }

        return null;
    }

    private ServerSentEvent? Dispatch()
    {
        // An event with no data line is not dispatched (its id still counts, above); its type is forgotten.
        ServerSentEvent? dispatched = null;
        if (data.Length > 0)
        {
            dispatched = new ServerSentEvent(
                eventType.Length > 0 ? eventType : "message",
                data.ToString(0, data.Length - 1),
                eventId);
        }

        data.Clear();
        eventType = string.Empty;
        eventId = null;
        return dispatched;
    }
}
