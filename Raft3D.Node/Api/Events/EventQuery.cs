using System.Globalization;
using Raft3D.Node.Store.Events;

namespace Raft3D.Node.Api.Events;

/// <summary>The event stream's query: which types, and from which log index to resume.</summary>
public static class EventQuery
{
    /// <summary>Null when <paramref name="text"/> is a valid list (or absent: every type); else the problem's detail.</summary>
    public static string? ParseTypes(string? text, out IReadOnlySet<string> types)
    {
        var all = EventTypes.Filterable;
        if (string.IsNullOrWhiteSpace(text))
        {
            types = new HashSet<string>(all, StringComparer.Ordinal);
            return null;
        }

        var asked = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var unknown = asked.Where(t => !all.Contains(t, StringComparer.Ordinal)).ToList();
        types = new HashSet<string>(asked, StringComparer.Ordinal);
        // "types=," names no type: a stream of nothing but resets is never what was meant.
        return unknown.Count == 0 && asked.Length > 0
            ? null
            : $"types must be a comma-separated list of {string.Join(", ", all)}; got '{(unknown.Count > 0 ? string.Join("', '", unknown) : text)}'.";
    }

    /// <summary>Null when <paramref name="text"/> is absent or a log index; else the problem's detail.</summary>
    public static string? ParseSince(string? text, out long? since)
    {
        since = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            since = index;
            return null;
        }

        return $"Last-Event-ID and since must be a log index (a whole number of 0 or more); got '{text}'.";
    }
}
