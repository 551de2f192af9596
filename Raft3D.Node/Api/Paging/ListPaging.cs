using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Raft3D.StateMachine;

namespace Raft3D.Node.Api.Paging;

/// <summary>
/// limit and cursor on every collection, answered with a JSON array as before plus X-Total-Count and a
/// Link rel="next" header (GitHub's shape), so the seeds' clients, which read the body as one array, still work.
/// A cursor names a position in creation order; rows are never removed, so it stays valid while rows are added.
/// </summary>
public static class ListPaging
{
    public const int MaxLimit = 1000;
    private const string CursorPrefix = "after:";

    public static bool TryRead(int? limit, string? cursor, out PageRequest page, out string? error)
    {
        page = PageRequest.Everything;
        error = null;
        if (limit is null && cursor is null)
        {
            return true;
        }

        if (limit is not (>= 1 and <= MaxLimit))
        {
            error = limit is null
                ? $"cursor needs limit (1 to {MaxLimit}) beside it, as in the Link header that gave it."
                : $"limit must be 1 to {MaxLimit}; got {limit}.";
            return false;
        }

        var after = -1;
        if (cursor is not null && !TryDecode(cursor, out after))
        {
            error = "cursor is not one this API gave out; start again without it, or follow the Link header.";
            return false;
        }

        page = new PageRequest(after, limit.Value);
        return true;
    }

    /// <summary>Sets X-Total-Count always, and Link to the next page when there is one.</summary>
    public static IReadOnlyList<TOut> Answer<T, TOut>(HttpContext context, Page<T> page, PageRequest request, Func<T, TOut> map)
    {
        var response = context.Response;
        response.Headers["X-Total-Count"] = page.Total.ToString(CultureInfo.InvariantCulture);
        if (request.IsPaged && page.NextAfter is { } next)
        {
            response.Headers.Link = $"<{NextUrl(context.Request, next)}>; rel=\"next\"";
        }

        return page.Items.Select(map).ToList();
    }

    private static string NextUrl(HttpRequest request, int after)
    {
        var query = new QueryBuilder(request.Query
            .Where(pair => !string.Equals(pair.Key, "cursor", StringComparison.OrdinalIgnoreCase))
            .SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string>(pair.Key, value ?? string.Empty))))
        {
            { "cursor", Encode(after) },
        };
        return $"{request.PathBase}{request.Path}{query}";
    }

    private static string Encode(int after)
        => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(CursorPrefix + after.ToString(CultureInfo.InvariantCulture)));

    private static bool TryDecode(string cursor, out int after)
    {
        after = -1;
        try
        {
            var text = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor));
            return text.StartsWith(CursorPrefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(CursorPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out after);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
