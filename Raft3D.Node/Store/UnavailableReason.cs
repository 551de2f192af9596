namespace Raft3D.Node.Store;

/// <summary>Why the cluster cannot serve a request now; each is worth a retry in a moment.</summary>
public enum UnavailableReason
{
    /// <summary>No leader, this node stopped leading, or leadership changed while the request was in flight.</summary>
    NoLeader,

    /// <summary>A leader is known but cannot be reached, or has not published its API address.</summary>
    LeaderUnreachable,

    /// <summary>A majority did not confirm a write in time; it may still be applied.</summary>
    CommitTimeout,

    /// <summary>Another membership change is still running; Raft changes membership one member at a time.</summary>
    MembershipChangeInProgress,

    /// <summary>This node's disk is (nearly) full, so it stores no log entries until space is freed; other members can serve.</summary>
    StorageFull,
}
