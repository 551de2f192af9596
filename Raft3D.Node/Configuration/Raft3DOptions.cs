using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Raft3D.Node.Security;
using Raft3D.StateMachine;

namespace Raft3D.Node.Configuration;

/// <summary>The <c>Raft3D</c> configuration section: everything a node needs to know about itself and its peers.</summary>
public sealed class Raft3DOptions
{
    public const string SectionName = "Raft3D";

    /// <summary>This node's id; must match one entry of <see cref="Members"/>.</summary>
    public string NodeId { get; set; } = string.Empty;

    /// <summary>The URL clients use for the API and Swagger, e.g. http://127.0.0.1:8080.</summary>
    public string HttpUrl { get; set; } = string.Empty;

    /// <summary>The URL peers use for Raft traffic; it is this node's identity in the cluster.</summary>
    public string RaftUrl { get; set; } = string.Empty;

    /// <summary>
    /// The initial cluster, written to the membership file on a node's first start. After that the file, kept
    /// up to date by Raft membership changes, is the truth. A joining node uses this list only to find the cluster.
    /// </summary>
    public List<MemberOptions> Members { get; set; } = [];

    /// <summary>
    /// Start as a new member of a running cluster: a non-voting standby that asks the cluster (through any of
    /// <see cref="Members"/>' APIs) to add it; the leader warms it up, then it votes.
    /// </summary>
    public bool Join { get; set; }

    /// <summary>
    /// Remove a member that stayed unresponsive this long (ms), using DotNext's failure detector. 0 = off,
    /// the default: a node down for maintenance must not be voted out of its own cluster.
    /// </summary>
    public int AutoRemoveUnresponsiveAfterMs { get; set; }

    /// <summary>Holds the write-ahead log (<c>wal/</c>) and snapshots (<c>snapshots/</c>).</summary>
    public string DataDirectory { get; set; } = "data/node1";

    /// <summary>Milliseconds. Lower bounds failover time; too low elects needlessly under GC pauses.</summary>
    public int LowerElectionTimeout { get; set; } = 250;

    public int UpperElectionTimeout { get; set; } = 500;

    /// <summary>
    /// Milliseconds a raft connection to a peer may take to open. A peer whose host is gone (no reset, SYNs dropped)
    /// holds each pre-vote and vote round this long, and two followers whose rounds overlap both stand and split the
    /// vote; a LAN connects in well under a millisecond.
    /// </summary>
    public int PeerConnectTimeoutMs { get; set; } = 100;

    /// <summary>
    /// How long the leader waits for a follower to receive and install a snapshot before it counts the transfer as
    /// failed. Every other Raft request keeps DotNext's default deadline (see RaftRequestDeadlines).
    /// </summary>
    public int SnapshotTransferTimeoutMs { get; set; } = 30_000;

    /// <summary>Applied entries between snapshots, at least (see <see cref="SnapshotIntervalPerRow"/>).</summary>
    public int SnapshotInterval { get; set; } = FarmStateMachineOptions.DefaultSnapshotInterval;

    /// <summary>
    /// Entries per stored row (entity, ledger entry, kept key) between snapshots once that exceeds
    /// <see cref="SnapshotInterval"/>: a snapshot writes the whole farm, so its interval grows with the farm. 0 = fixed.
    /// </summary>
    public double SnapshotIntervalPerRow { get; set; } = FarmStateMachineOptions.DefaultSnapshotIntervalPerRow;

    public DurabilityMode Durability { get; set; } = DurabilityMode.Mapped;

    /// <summary>Checksum stored with every log entry, checked when it is read back; detects a damaged log.</summary>
    public WriteAheadLog.IntegrityHashAlgorithm LogIntegrityHash { get; set; } = WriteAheadLog.IntegrityHashAlgorithm.Crc32;

    /// <summary>Raft traffic over HTTP/2 (cleartext, prior knowledge) instead of HTTP/1.1: one multiplexed connection per peer.</summary>
    public bool RaftHttp2 { get; set; }

    /// <summary>
    /// Size of one write-ahead log data file, in KiB. Fixed once a log exists. Large enough that new files are
    /// rare: creating one (an ext4 inode, a mapping) per few dozen entries cost a quarter of write throughput.
    /// </summary>
    public int LogChunkSizeKiB { get; set; } = 1024;

    /// <summary>The chunk size DotNext will use, in bytes: whole memory pages.</summary>
    public int LogChunkBytes => (int)Math.Ceiling(LogChunkSizeKiB * 1024.0 / Environment.SystemPageSize) * Environment.SystemPageSize;

    /// <summary>How long a write or a linearizable read waits for a majority before answering 503.</summary>
    public int QuorumWaitTimeoutMs { get; set; } = 5_000;

    public LoggingOptions Logging { get; set; } = new();

    public IdempotencyOptions Idempotency { get; set; } = new();

    public StockOptions Stock { get; set; } = new();

    public EventOptions Events { get; set; } = new();

    /// <summary>Free space the node keeps on its data directory's file system; see the README's deployment section.</summary>
    public StorageOptions Storage { get; set; } = new();

    /// <summary>Tokens, the raft channel's proof of membership, TLS and limits; see the README's security section.</summary>
    public SecurityOptions Security { get; set; } = new();

    /// <summary>A backup file to seed an empty data directory from before the node starts; see the README.</summary>
    public string? RestoreFrom { get; set; }

    /// <summary>How long a request waits for an election to finish before answering 503: about two election timeouts.</summary>
    public TimeSpan ElectionGrace => TimeSpan.FromMilliseconds(2 * UpperElectionTimeout);
}
