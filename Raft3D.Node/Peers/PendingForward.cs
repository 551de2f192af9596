namespace Raft3D.Node.Peers;

/// <summary>A command waiting in <see cref="LeaderCommandForwarder"/>'s queue, and where its share of the leader's answer goes.</summary>
internal sealed record PendingForward(string LeaderApiUrl, ForwardedCommand Command, TaskCompletionSource<ForwardedReply> Reply);
