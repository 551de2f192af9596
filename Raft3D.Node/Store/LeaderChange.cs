using Raft3D.Node.Peers;

namespace Raft3D.Node.Store;

/// <summary>The leader this node follows from now on: none (an election), itself, or another member.</summary>
public sealed record LeaderChange(NodeAddress? Leader, bool IsLocal, long Term);
