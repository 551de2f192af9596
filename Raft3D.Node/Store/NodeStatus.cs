using Raft3D.Node.Peers;

namespace Raft3D.Node.Store;

/// <summary>This node's view of the cluster and of its own log.</summary>
/// <param name="StateDigest">A hash of the applied state at <paramref name="StateDigestIndex"/>; equal digests at equal indexes mean equal states.</param>
public sealed record NodeStatus(
    NodeAddress Self,
    bool IsLeader,
    long Term,
    NodeAddress? Leader,
    IReadOnlyList<MemberStatus> Members,
    long CommitIndex,
    long LastLogIndex,
    long LastAppliedIndex,
    string StateDigest,
    long StateDigestIndex);
