using Raft3D.Node.Peers;

namespace Raft3D.Node.Store;

/// <summary>The outcome of adding or removing a member, with the words an operator needs.</summary>
public sealed record MembershipChange(MembershipChangeKind Kind, string Detail, int Members, LeaderAnswer? LeaderAnswer = null);
