using System.Net.Sockets;
using System.Text;

namespace Raft3D.Tests.Infrastructure;

/// <summary>
/// An HTTP/1.1 request written byte for byte, for what HttpClient will not send as is: a header repeated on two
/// lines (HttpClient joins them into one), or a header value that is not ASCII (HttpClient refuses it).
/// </summary>
internal static class RawHttp
{
    /// <returns>The status code of the answer.</returns>
    public static async Task<int> PostJsonAsync(Uri node, string path, IEnumerable<(string Name, string Value)> headers, string json)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(node.Host, node.Port);
        await using var stream = tcp.GetStream();
        var body = Encoding.UTF8.GetBytes(json);
        var head = new StringBuilder()
            .Append("POST ").Append(path).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(node.Authority).Append("\r\n")
            .Append("Content-Type: application/json\r\n")
            .Append("Content-Length: ").Append(body.Length).Append("\r\n")
            .Append("Connection: close\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(head.Append("\r\n").ToString()));
        await stream.WriteAsync(body);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var status = await reader.ReadLineAsync() ?? throw new InvalidOperationException("The node closed the connection without answering.");
        return int.Parse(status.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
