using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Raft3D.Node.Api.Export;

/// <summary>
/// Rows as CSV (RFC 4180): a header row, then one row per item, CRLF line ends, fields quoted when they hold a
/// comma, quote or line break. The columns are the JSON API's fields, named and ordered as the JSON shows them
/// (from the same serializer options), so a CSV and a JSON export of one kind say the same in the same words.
/// Numbers, booleans and times are written as the JSON writes them: invariant culture, times in ISO UTC.
/// </summary>
public static class CsvExport
{
    /// <summary>Characters buffered before they go to the client.</summary>
    private const int FlushThreshold = 16 * 1024;

    public static async Task WriteAsync<TRow>(Stream output, IEnumerable<TRow> rows, JsonSerializerOptions options, CancellationToken token)
    {
        var columns = options.GetTypeInfo(typeof(TRow)).Properties.Where(p => p.Get is not null).ToList();

        // Only asynchronous writes: Kestrel refuses synchronous I/O, and StreamWriter's own buffer could fill mid-row.
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: FlushThreshold, leaveOpen: true);
        var line = new StringBuilder();
        AppendRow(line, columns.Select(c => c.Name));
        foreach (var row in rows)
        {
            AppendRow(line, columns.Select(c => Field(c.Get!(row!))));
            if (line.Length >= FlushThreshold)
            {
                await writer.WriteAsync(line, token);
                line.Clear();
            }
        }

        await writer.WriteAsync(line, token);
        await writer.FlushAsync(token);
    }

    private static void AppendRow(StringBuilder line, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                line.Append(',');
            }

            first = false;
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                line.Append(field);
            }
        }

        line.Append("\r\n");
    }

    private static string Field(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        bool flag => flag ? "true" : "false",
        DateTime time => UtcTimeJsonConverter.Text(time),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
