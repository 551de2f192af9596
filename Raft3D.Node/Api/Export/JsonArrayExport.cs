using System.IO.Pipelines;
using System.Text.Json;

namespace Raft3D.Node.Api.Export;

/// <summary>Rows as one JSON array, written as they come and flushed every few kilobytes: memory stays flat however many rows there are.</summary>
public static class JsonArrayExport
{
    /// <summary>Bytes buffered before they go to the client.</summary>
    private const int FlushThreshold = 16 * 1024;

    /// <remarks>
    /// Over the response's PipeWriter, not its Stream: the serializer flushes its writer after every value, which on
    /// a Stream is a synchronous write Kestrel refuses, and on a PipeWriter only hands the bytes to the pipe.
    /// </remarks>
    public static async Task WriteAsync<TRow>(PipeWriter output, IEnumerable<TRow> rows, JsonSerializerOptions options, CancellationToken token)
    {
        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = options.Encoder });
        var sent = 0L;
        writer.WriteStartArray();
        foreach (var row in rows)
        {
            JsonSerializer.Serialize(writer, row, options);
            if (writer.BytesCommitted + writer.BytesPending - sent >= FlushThreshold)
            {
                writer.Flush();
                sent = writer.BytesCommitted;
                await output.FlushAsync(token);
            }
        }

        writer.WriteEndArray();
        writer.Flush();
        await output.FlushAsync(token);
    }
}
