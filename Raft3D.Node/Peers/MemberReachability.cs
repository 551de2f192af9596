using System.Net.Sockets;

namespace Raft3D.Node.Peers;

/// <summary>Tells "nothing listens there" from "it listens but is slow", so a failed membership change can say which.</summary>
public sealed class MemberReachability
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(1);

    public async Task<bool> IsReachableAsync(Uri raftUrl, CancellationToken token)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(ConnectTimeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(raftUrl.Host, raftUrl.Port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !token.IsCancellationRequested)
        {
            return false;
        }
    }
}
