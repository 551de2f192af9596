using Raft3D.Node.Cluster;
using Raft3D.Node.Configuration;

namespace Raft3D.Node.Forwarding;

/// <summary>
/// The one connection pool this node uses to reach the leader's API (forwarded writes, read-index requests).
/// Shared and long-lived so requests reuse warm connections instead of paying a TCP handshake each.
/// </summary>
public sealed class LeaderForwardingClient(Raft3DOptions options) : IDisposable
{
    public HttpMessageInvoker Invoker { get; } = new(OutgoingConnections.CreateHandler(options.RaftUrl, TimeSpan.FromSeconds(1)));

    public void Dispose() => Invoker.Dispose();
}
