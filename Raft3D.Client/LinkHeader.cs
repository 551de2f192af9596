namespace Raft3D.Client;

/// <summary>Reads RFC 8288 Link headers, as the API sends them for paging: <c>&lt;/api/v1/...&gt;; rel="next"</c>.</summary>
internal static class LinkHeader
{
    /// <summary>The target of the link whose rel includes "next", or null.</summary>
    public static string? FindNext(IEnumerable<string> values)
    {
        // A header may hold several links, and rel several space-separated types; the API sends one of each today.
        foreach (var link in values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            var parts = link.Split(';', StringSplitOptions.TrimEntries);
            if (parts.Length < 2 || !parts[0].StartsWith('<') || !parts[0].EndsWith('>'))
            {
                continue;
            }

            var isNext = parts.Skip(1)
                .Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
                .Any(p => p.Length == 2
                    && p[0].Equals("rel", StringComparison.OrdinalIgnoreCase)
                    && p[1].Trim('"').Split(' ').Contains("next", StringComparer.OrdinalIgnoreCase));
            if (isNext)
            {
                return parts[0][1..^1];
            }
        }

        return null;
    }
}
