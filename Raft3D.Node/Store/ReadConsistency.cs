namespace Raft3D.Node.Store;

/// <summary>How fresh a read must be.</summary>
public enum ReadConsistency
{
    /// <summary>Never misses a write acknowledged before the read began: this node first catches up with the leader.</summary>
    Linearizable,

    /// <summary>This node's applied state as it is: fast, works without a leader, may lag the leader.</summary>
    Local,
}
