namespace Raft3D.Node.Store;

/// <summary>
/// A member joined or left the configuration this node applies. No member count: DotNext raises the event before
/// its member list changes, so a count read then is the one before (a join logged "3 members" when there were 4).
/// </summary>
public sealed record MembershipEvent(string Peer, bool Joined);
