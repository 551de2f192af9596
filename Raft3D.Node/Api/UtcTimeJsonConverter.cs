using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Raft3D.Node.Api;

/// <summary>
/// Writes every time as ISO 8601 UTC with exactly three decimals ("2026-11-25T23:17:04.410Z"): the log keeps
/// milliseconds, and a fixed width lets clients compare and sort the text as is. Reads any ISO 8601 time.
/// </summary>
public sealed class UtcTimeJsonConverter : JsonConverter<DateTime>
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.GetDateTime().ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        // Formatted into the stack, not into a string: every response carries a few times.
        Span<byte> text = stackalloc byte[Format.Length];
        value.ToUniversalTime().TryFormat(text, out var written, Format, CultureInfo.InvariantCulture);
        writer.WriteStringValue(text[..written]);
    }

    /// <summary>The time as this API writes it, for outputs that are not JSON (CSV exports).</summary>
    public static string Text(DateTime value) => value.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture);
}
