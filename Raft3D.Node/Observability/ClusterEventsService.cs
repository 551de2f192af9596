using Raft3D.Node.Configuration;
using Raft3D.Node.Store;
using Raft3D.Node.Store.Events;
using Raft3D.StateMachine;

namespace Raft3D.Node.Observability;

/// <summary>
/// Turns cluster and state machine events into log lines and metrics: node start with its configuration,
/// elections won, leader changes, snapshots. Runs as a hosted service so it attaches after the state is
/// restored and detaches on shutdown.
/// </summary>
public sealed class ClusterEventsService(
    IFarmStore store,
    FarmStateMachine stateMachine,
    FarmEventJournal journal,
    NodeMetrics metrics,
    Raft3DOptions options,
    ILogger<ClusterEventsService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation(
            "Node {NodeId} starting: API {HttpUrl}, raft {RaftUrl}, data {DataDirectory}, members [{Members}], election timeout {Lower}-{Upper} ms, snapshot every {SnapshotInterval} entries or {SnapshotIntervalPerRow} per stored row, durability {Durability}, log hash {Hash}",
            options.NodeId,
            options.HttpUrl,
            options.RaftUrl,
            Path.GetFullPath(options.DataDirectory),
            string.Join(", ", options.Members.Select(m => $"{m.Id}={m.Raft}")),
            options.LowerElectionTimeout,
            options.UpperElectionTimeout,
            options.SnapshotInterval,
            options.SnapshotIntervalPerRow,
            options.Durability,
            options.LogIntegrityHash);
        store.LeaderChanged += OnLeaderChanged;
        store.MembershipChanged += OnMembershipChanged;
        stateMachine.SnapshotTaken += OnSnapshotTaken;
        stateMachine.SnapshotInstalled += OnSnapshotInstalled;
        metrics.Registry.AddBeforeCollectCallback(() =>
        {
            metrics.Refresh(store);
            metrics.Refresh(journal);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        store.LeaderChanged -= OnLeaderChanged;
        store.MembershipChanged -= OnMembershipChanged;
        stateMachine.SnapshotTaken -= OnSnapshotTaken;
        stateMachine.SnapshotInstalled -= OnSnapshotInstalled;
        logger.LogInformation("Node {NodeId} stopping", options.NodeId);
        return Task.CompletedTask;
    }

    private void OnLeaderChanged(LeaderChange change)
    {
        metrics.RecordLeaderChange();
        if (change.Leader is null)
        {
            logger.LogInformation("No leader in term {Term}: an election is under way or there is no majority", change.Term);
        }
        else if (change.IsLocal)
        {
            logger.LogInformation("Won the election: this node leads term {Term}", change.Term);
        }
        else
        {
            // Also how a lost election shows: another member won it.
            logger.LogInformation("Following leader {Leader} ({RaftUrl}) in term {Term}", change.Leader.Id ?? "?", change.Leader.RaftUrl, change.Term);
        }
    }

    private void OnMembershipChanged(MembershipEvent change)
        => logger.LogInformation("Membership: {Peer} {Change} the configuration", change.Peer, change.Joined ? "joined" : "left");

    private void OnSnapshotTaken(TakenSnapshot taken) => metrics.RecordSnapshotTaken(taken);

    private void OnSnapshotInstalled(long index) => metrics.RecordSnapshot("installed");
}
