using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;

namespace Raft3D.Node.Cluster;

/// <summary>The node's log as what it is: DotNext's WriteAheadLog (as FlushedAppendLog), the only audit trail we register.</summary>
public static class RaftLog
{
    /// <summary>The write-ahead log, for what only it knows (how far entries have been applied).</summary>
    public static WriteAheadLog Wal(this IRaftCluster cluster) => (WriteAheadLog)cluster.AuditTrail;
}
