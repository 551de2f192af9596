using System.Net;
using System.Net.Sockets;

namespace Raft3D.Tests.Limits;

/// <summary>
/// An HttpClient whose connections leave from a chosen loopback address (Linux routes all of 127/8 to lo), so a node
/// in this process sees it as a client of its own: the rate limiter tells clients apart by address while the API is open.
/// </summary>
internal static class SourceBoundClient
{
    public static HttpClient Create(string sourceAddress, string baseUrl)
    {
        var source = IPAddress.Parse(sourceAddress);
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (context, token) =>
            {
                var socket = new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(15) };
    }
}
