namespace Raft3D.Tests.Infrastructure;

/// <summary>
/// A machine a test made for one node (a network namespace, say): the address the node listens on there, its
/// ports, and the command the node's process is started through to run on it (e.g. <c>ip netns exec ns</c>).
/// </summary>
internal sealed record NodeHost(string Address, int ApiPort, int RaftPort, IReadOnlyList<string> LaunchPrefix);
