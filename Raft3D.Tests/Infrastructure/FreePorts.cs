using System.Net;
using System.Net.Sockets;

namespace Raft3D.Tests.Infrastructure;

/// <summary>Loopback ports the OS says are free right now, handed out once per test run.</summary>
internal static class FreePorts
{
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        lock (Given)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (Given.Add(port))
                {
                    return port;
                }
            }
        }
    }

    /// <summary>The first of <paramref name="count"/> consecutive free ports, for scripts that number nodes' ports from one.</summary>
    public static int NextBlock(int count)
    {
        while (true)
        {
            var first = Next();
            var rest = Enumerable.Range(first + 1, count - 1).ToList();
            lock (Given)
            {
                if (first + count - 1 <= IPEndPoint.MaxPort && !rest.Any(Given.Contains) && rest.All(IsFree))
                {
                    Given.UnionWith(rest);
                    return first;
                }
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
