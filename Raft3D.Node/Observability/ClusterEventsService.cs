using DotNext.Net;
using DotNext.Net.Cluster;
using DotNext.Net.Cluster.Consensus.Raft;
using Raft3D.Node.Cluster;
using Raft3D.Node.Configuration;
using Raft3D.StateMachine;

namespace Raft3D.Node.Observability;

/// <summary>
/// Turns cluster and state machine events into log lines and metrics: node start with its configuration,
/// elections won, leader changes, snapshots. Runs as a hosted service so it attaches after the state is
/// restored and detaches on shutdown.
/// </summary>
public sealed class ClusterEventsService(
    IRaftCluster cluster,
    FarmStateMachine stateMachine,
    NodeMetrics metrics,
    ClusterTopology topology,
    Raft3DOptions options,
    ILogger<ClusterEventsService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation(
            "Node {NodeId} starting: API {HttpUrl}, raft {RaftUrl}, data {DataDirectory}, members [{Members}], election timeout {Lower}-{Upper} ms, snapshot every {SnapshotInterval} entries, durability {Durability}, log hash {Hash}",
            options.NodeId,
            options.HttpUrl,
            options.RaftUrl,
            Path.GetFullPath(options.DataDirectory),
            string.Join(", ", options.Members.Select(m => $"{m.Id}={m.Raft}")),
            options.LowerElectionTimeout,
            options.UpperElectionTimeout,
            options.SnapshotInterval,
            options.Durability,
            options.LogIntegrityHash);
        cluster.LeaderChanged += OnLeaderChanged;
        ((IPeerMesh)cluster).PeerDiscovered += OnPeerDiscovered;
        ((IPeerMesh)cluster).PeerGone += OnPeerGone;
        stateMachine.SnapshotTaken += OnSnapshotTaken;
        stateMachine.SnapshotInstalled += OnSnapshotInstalled;
        metrics.Registry.AddBeforeCollectCallback(() => metrics.Refresh(cluster, stateMachine));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        cluster.LeaderChanged -= OnLeaderChanged;
        ((IPeerMesh)cluster).PeerDiscovered -= OnPeerDiscovered;
        ((IPeerMesh)cluster).PeerGone -= OnPeerGone;
        stateMachine.SnapshotTaken -= OnSnapshotTaken;
        stateMachine.SnapshotInstalled -= OnSnapshotInstalled;
        logger.LogInformation("Node {NodeId} stopping", options.NodeId);
        return Task.CompletedTask;
    }

    private void OnLeaderChanged(ICluster sender, IClusterMember? leader)
    {
        metrics.RecordLeaderChange();
        if (leader is null)
        {
            logger.LogInformation("No leader in term {Term}: an election is under way or there is no majority", cluster.Term);
        }
        else if (!leader.IsRemote)
        {
            logger.LogInformation("Won the election: this node leads term {Term}", cluster.Term);
        }
        else
        {
            var raftUrl = ClusterTopology.RaftUrlOf(leader.EndPoint);
            // Also how a lost election shows: another member won it.
            logger.LogInformation("Following leader {Leader} ({RaftUrl}) in term {Term}", topology.FindByRaft(raftUrl)?.Id ?? "?", raftUrl, cluster.Term);
        }
    }

    private void OnPeerDiscovered(IPeerMesh sender, PeerEventArgs args)
        => logger.LogInformation("Membership: {Peer} joined the configuration ({Count} members)", args.PeerAddress, cluster.Members.Count);

    private void OnPeerGone(IPeerMesh sender, PeerEventArgs args)
        => logger.LogInformation("Membership: {Peer} left the configuration ({Count} members)", args.PeerAddress, cluster.Members.Count);

    private void OnSnapshotTaken(long index) => metrics.RecordSnapshot("taken");

    private void OnSnapshotInstalled(long index) => metrics.RecordSnapshot("installed");
}
