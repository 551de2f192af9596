using DotNext.Net.Cluster;
using DotNext.Net.Cluster.Consensus.Raft;
using Raft3D.Node.Configuration;
using Raft3D.Node.Peers;
using Raft3D.Node.Store.Commands;
using Raft3D.Node.Store.Consensus;
using Raft3D.Node.Store.Membership;
using Raft3D.Node.Store.Operations;
using Raft3D.Node.Store.Reads;
using Raft3D.Node.Store.Storage;
using Raft3D.StateMachine;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Store.Raft;

/// <summary>
/// The store on DotNext's Raft: the one place that turns the HTTP side's calls into cluster operations. Each
/// kind of call is its own small type (commands, reads, membership, operations); this class only routes.
/// </summary>
public sealed class RaftFarmStore(
    IRaftCluster cluster,
    FlushedAppendLog log,
    FarmStateMachine stateMachine,
    ClusterTopology topology,
    LeaderLocator leaders,
    CommandReplicator commands,
    LinearizableReads reads,
    RaftMembership membership,
    RaftOperations operations,
    RaftEvents events,
    StorageGuard storage,
    Raft3DOptions options) : IFarmStore
{
    public event Action<LeaderChange>? LeaderChanged
    {
        add => events.LeaderChanged += value;
        remove => events.LeaderChanged -= value;
    }

    public event Action<MembershipEvent>? MembershipChanged
    {
        add => events.MembershipChanged += value;
        remove => events.MembershipChanged -= value;
    }

    public NodeAddress Self => topology.Local;

    public bool IsLeader => leaders.IsLocalLeader;

    public long Term => cluster.Term;

    public RaftProgress Progress => new(
        leaders.IsLocalLeader,
        leaders.Leader is not null,
        cluster.Term,
        log.LastCommittedEntryIndex,
        log.LastAppliedIndex,
        cluster.Members.Count,
        cluster.Members.Count(m => !m.IsRemote || m.Status == ClusterMemberStatus.Available),
        log.LastEntryIndex);

    public StorageStatus Storage => storage.Status;

    public void ReportNoSpace(Exception error) => storage.ReportNoSpace(error);

    public async Task<CommandOutcome> ExecuteAsync(Command command, CancellationToken token)
        => (await commands.ExecuteAsync(command, token)).Outcome;

    public Task<(CommandOutcome Outcome, long Index)> ProposeAsync(Command command, CancellationToken token) => commands.ExecuteAsync(command, token);

    public async Task PrepareReadAsync(ReadConsistency consistency, CancellationToken token)
    {
        if (consistency == ReadConsistency.Linearizable && storage.IsFull)
        {
            throw new ClusterUnavailableException(
                UnavailableReason.StorageFull,
                "This node's disk is full, so it stores no new log entries and may be behind: read from another member, or read this node's possibly stale state with ?consistency=local.");
        }

        if (consistency == ReadConsistency.Linearizable && !await reads.TryCatchUpAsync(token))
        {
            throw new ClusterUnavailableException(
                UnavailableReason.NoLeader,
                $"A linearizable read needs a leader and a majority, and none answered within {options.QuorumWaitTimeoutMs} ms. Retry shortly, or read this node's possibly stale state with ?consistency=local.");
        }
    }

    public T Read<T>(Func<FarmState, T> query) => stateMachine.Read(query);

    public Task<long> ConfirmReadIndexAsync(CancellationToken token) => reads.ConfirmReadIndexAsync(token);

    public ValueTask<NodeAddress?> FindLeaderAsync(CancellationToken token) => leaders.FindLeaderAsync(token);

    public async Task<NodeAddress?> AwaitLeaderAsync(CancellationToken token)
    {
        // A node whose disk is full refuses the leader's entries, so it soon hears no leader and would not hear one
        // within the grace either: it says why at once.
        if (storage.IsFull && leaders.Leader is null)
        {
            throw new ClusterUnavailableException(
                UnavailableReason.StorageFull,
                "This node's disk is full, so it follows no leader and cannot forward this write; it was not taken. Retry on another member.");
        }

        return await leaders.AwaitLeaderAsync(options.ElectionGrace, token) is { } leader
            ? await leaders.DescribeAsync(leader, token)
            : null;
    }

    public async Task<NodeStatus> GetStatusAsync(CancellationToken token)
    {
        // The member list already names the leader; no second lookup.
        var members = await leaders.DescribeMembersAsync(token);
        var (digest, digestIndex) = stateMachine.DigestAtLastApplied();
        return new NodeStatus(
            topology.Local,
            leaders.IsLocalLeader,
            cluster.Term,
            members.FirstOrDefault(member => member.IsLeader)?.Address,
            members,
            log.LastCommittedEntryIndex,
            log.LastEntryIndex,
            log.LastAppliedIndex,
            digest,
            digestIndex);
    }

    public Task<IReadOnlyList<MemberStatus>> ListMembersAsync(CancellationToken token) => leaders.DescribeMembersAsync(token);

    public Task<MembershipChange> AddMemberAsync(string id, Uri raftUrl, CancellationToken token) => membership.AddAsync(id, raftUrl, token);

    public Task<MembershipChange> RemoveMemberAsync(string id, CancellationToken token) => membership.RemoveAsync(id, token);

    public Task<long> SnapshotAsync(CancellationToken token) => operations.SnapshotAsync(token);

    public Task<long> ResignAsync(CancellationToken token) => operations.ResignAsync(token);

    public Task<FarmBackup> BackupAsync(CancellationToken token) => operations.BackupAsync(token);
}
