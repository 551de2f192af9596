namespace Raft3D.Node.Store;

/// <summary>A member joined or left the configuration this node applies.</summary>
public sealed record MembershipEvent(string Peer, bool Joined, int Members);
