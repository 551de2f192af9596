using DotNext.Net;
using DotNext.Net.Cluster;
using DotNext.Net.Cluster.Consensus.Raft;
using Raft3D.Node.Peers;

namespace Raft3D.Node.Store.Consensus;

/// <summary>
/// DotNext's cluster events, retold in the store's own terms so that observers (logs, metrics) need not know
/// DotNext. A hosted service: it subscribes once the state is restored and unsubscribes on shutdown.
/// </summary>
public sealed class RaftEvents(IRaftCluster cluster, ClusterTopology topology) : IHostedLifecycleService
{
    public event Action<LeaderChange>? LeaderChanged;

    public event Action<MembershipEvent>? MembershipChanged;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        cluster.LeaderChanged += OnLeaderChanged;
        ((IPeerMesh)cluster).PeerDiscovered += OnPeerDiscovered;
        ((IPeerMesh)cluster).PeerGone += OnPeerGone;
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Before any hosted service stops. Hosted services stop in reverse order, so DotNext's cluster stops before
    /// this one, and while it stops it reports each peer it lets go of as gone: that is no member leaving.
    /// </summary>
    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        ((IPeerMesh)cluster).PeerDiscovered -= OnPeerDiscovered;
        ((IPeerMesh)cluster).PeerGone -= OnPeerGone;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Leader changes stay told until the cluster has stopped: a leader that steps down as it stops has really
    /// lost its leadership, and what caches the leader must hear it.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        cluster.LeaderChanged -= OnLeaderChanged;
        return Task.CompletedTask;
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Raised inside DotNext's state transition: answer from configuration, never with a network call.
    private void OnLeaderChanged(ICluster sender, IClusterMember? leader)
    {
        NodeAddress? address = null;
        if (leader is not null)
        {
            var raftUrl = ClusterTopology.RaftUrlOf(leader.EndPoint);
            address = leader.IsRemote ? topology.FindByRaft(raftUrl) ?? new NodeAddress(null, raftUrl, null) : topology.Local;
        }

        LeaderChanged?.Invoke(new LeaderChange(address, leader is { IsRemote: false }, cluster.Term));
    }

    private void OnPeerDiscovered(IPeerMesh sender, PeerEventArgs args)
        => MembershipChanged?.Invoke(new MembershipEvent(args.PeerAddress.ToString() ?? "?", Joined: true));

    private void OnPeerGone(IPeerMesh sender, PeerEventArgs args)
        => MembershipChanged?.Invoke(new MembershipEvent(args.PeerAddress.ToString() ?? "?", Joined: false));
}
