namespace Raft3D.Node.Peers;

/// <summary>
/// A client's write as a follower sends it to the leader: the command its controller built, binary-encoded, and
/// what the leader needs to judge the caller itself, since the follower's own verdict never counts there.
/// </summary>
/// <param name="Command">The command in its log encoding (<c>CommandCodec</c>), without the leader's time stamp.</param>
/// <param name="Authorization">The client's Authorization header as it came (empty if none), for the leader's own token table.</param>
/// <param name="Policies">The policies of the endpoint the client called, for the leader's own role rules.</param>
/// <param name="Method">The client's method, for the leader's refusal and audit line.</param>
/// <param name="Path">The client's path, for the leader's refusal and audit line.</param>
public sealed record ForwardedCommand(byte[] Command, string Authorization, IReadOnlyList<string> Policies, string Method, string Path);
