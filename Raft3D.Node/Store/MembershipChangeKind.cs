namespace Raft3D.Node.Store;

/// <summary>What a membership change did.</summary>
public enum MembershipChangeKind
{
    Added,
    AlreadyMember,
    Removed,
    NotFound,

    /// <summary>The node to add did not catch up (unreachable, or too slow), or DotNext refused the change.</summary>
    Failed,

    /// <summary>This node led and was asked to remove itself: it stepped down and the new leader's answer is relayed.</summary>
    RelayedByLeader,
}
