using Raft3D.Node.Peers;

namespace Raft3D.Node.Store;

/// <summary>One member of the configuration as this node sees it.</summary>
/// <param name="Status">DotNext's view of reachability: Available, Unavailable or Unknown.</param>
public sealed record MemberStatus(NodeAddress Address, string Status, bool IsLeader, bool IsLocal);
