using System.Globalization;
using Microsoft.Net.Http.Headers;
using Raft3D.StateMachine.Commands;

namespace Raft3D.Node.Api.Versions;

/// <summary>
/// ETag and If-Match for an entity's version (the log index of its last change). Strong tags: the same version
/// is the same bytes on every node, since every node applied the same log.
/// </summary>
public static class EntityTag
{
    public static string Format(long version) => $"\"{version}\"";

    /// <summary>
    /// Reads If-Match: absent or "*" → no version to check; one tag naming a version → that version; anything
    /// else → an error for the client. A list of tags is refused: a command checks one version.
    /// </summary>
    public static bool TryReadIfMatch(HttpRequest request, out long? version, out string? error)
    {
        version = null;
        error = null;
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return true;
        }

        // Exactly "digits" or W/"digits": a tag is quoted, and a half-quoted one is a client bug worth a 400.
        var tag = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        if (tag.Length > 2 && tag[0] == '"' && tag[^1] == '"'
            && long.TryParse(tag.AsSpan(1, tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            && parsed <= CommandValidator.MaxVersion)
        {
            version = parsed;
            return true;
        }

        error = $"If-Match must be one ETag this API gave out, such as \"42\" (an entity's version); got {header}.";
        return false;
    }

    public static void Set(HttpResponse response, long version) => response.Headers[HeaderNames.ETag] = Format(version);
}
