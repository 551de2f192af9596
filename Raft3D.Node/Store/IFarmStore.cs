using Raft3D.Node.Peers;
using Raft3D.StateMachine;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Store;

/// <summary>
/// All the HTTP side knows of consensus, like rqlite's Store: farm commands, reads at a consistency level,
/// status, members, snapshot, backup and resign. Only the implementation knows DotNext; whenever the cluster
/// cannot serve a call it throws <see cref="ClusterUnavailableException"/>.
/// </summary>
public interface IFarmStore
{
    /// <summary>This node's id and addresses.</summary>
    NodeAddress Self { get; }

    /// <summary>True while this node leads.</summary>
    bool IsLeader { get; }

    /// <summary>This node's current Raft term.</summary>
    long Term { get; }

    /// <summary>Indexes, term and members as this node knows them, without a network call.</summary>
    RaftProgress Progress { get; }

    /// <summary>Free space on the data directory's file system, and whether this node stopped storing for lack of it.</summary>
    StorageStatus Storage { get; }

    /// <summary>Counts an I/O error the HTTP side saw that said the disk is full (logged once per episode).</summary>
    void ReportNoSpace(Exception error);

    /// <summary>Raised when this node follows a new leader, or none (an election); inside Raft's state change, so handlers must be quick.</summary>
    event Action<LeaderChange>? LeaderChanged;

    /// <summary>Raised when a member joins or leaves the configuration this node applies.</summary>
    event Action<MembershipEvent>? MembershipChanged;

    /// <summary>Replicates <paramref name="command"/> and returns what applying it did.</summary>
    Task<CommandOutcome> ExecuteAsync(Command command, CancellationToken token);

    /// <summary>
    /// As <see cref="ExecuteAsync"/>, with the log index the command was applied at (0 if refused before the log):
    /// what a leader answers a follower that forwarded the command.
    /// </summary>
    Task<(CommandOutcome Outcome, long Index)> ProposeAsync(Command command, CancellationToken token);

    /// <summary>
    /// Makes this node's state fit to read at <paramref name="consistency"/>: at once for Local; for Linearizable,
    /// once it has applied every write acknowledged before the call (riding out an election on the way).
    /// </summary>
    Task PrepareReadAsync(ReadConsistency consistency, CancellationToken token);

    /// <summary>Runs a query against this node's applied state; call <see cref="PrepareReadAsync"/> first.</summary>
    T Read<T>(Func<FarmState, T> query);

    /// <summary>The leader's half of a follower's linearizable read: how far this leader has applied, confirmed by a majority.</summary>
    Task<long> ConfirmReadIndexAsync(CancellationToken token);

    /// <summary>The leader as this node knows it now, or null during an election.</summary>
    ValueTask<NodeAddress?> FindLeaderAsync(CancellationToken token);

    /// <summary>
    /// The leader, waiting about two election timeouts for one if there is none now; null if none came. Throws at
    /// once if this node knows no leader because its disk is full.
    /// </summary>
    Task<NodeAddress?> AwaitLeaderAsync(CancellationToken token);

    /// <summary>This node's role, term, leader, members, log indexes and state digest; answered locally, even without a leader.</summary>
    Task<NodeStatus> GetStatusAsync(CancellationToken token);

    /// <summary>The members of the configuration this node applies, with their addresses and reachability as it sees them.</summary>
    Task<IReadOnlyList<MemberStatus>> ListMembersAsync(CancellationToken token);

    /// <summary>Adds a node (warmed up first, then voting). Only the leader may; others throw.</summary>
    Task<MembershipChange> AddMemberAsync(string id, Uri raftUrl, CancellationToken token);

    /// <summary>Removes the member with id <paramref name="id"/>; a leader asked to remove itself steps down first.</summary>
    Task<MembershipChange> RemoveMemberAsync(string id, CancellationToken token);

    /// <summary>Makes every node snapshot its state at one log index, and returns that index.</summary>
    Task<long> SnapshotAsync(CancellationToken token);

    /// <summary>Makes this leader step down; returns the term it led.</summary>
    Task<long> ResignAsync(CancellationToken token);

    /// <summary>A consistent backup holding every write acknowledged before the call.</summary>
    Task<FarmBackup> BackupAsync(CancellationToken token);
}
