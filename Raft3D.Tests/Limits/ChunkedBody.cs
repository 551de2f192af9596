using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Raft3D.Tests.Limits;

/// <summary>A JSON request body of unknown length, so HttpClient sends it chunked: no Content-Length for the node to refuse up front.</summary>
internal sealed class ChunkedBody : HttpContent
{
    private const int ChunkSize = 4096;
    private readonly byte[] bytes;

    public ChunkedBody(string json)
    {
        bytes = Encoding.UTF8.GetBytes(json);
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var offset = 0; offset < bytes.Length; offset += ChunkSize)
        {
            await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(ChunkSize, bytes.Length - offset)));
            await stream.FlushAsync();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
