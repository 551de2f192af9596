namespace Raft3D.Tests.Infrastructure;

/// <summary>The fixed identity of one test node: address, ports and data folder survive its restarts.</summary>
/// <param name="Host">The address it listens on (and, for raft and forwarding, connects from): loopback, or a test-made host's.</param>
internal sealed record TestNode(string Id, int ApiPort, int RaftPort, string DataDirectory, string Host = "127.0.0.1")
{
    public string ApiUrl => $"http://{Host}:{ApiPort}";

    public string RaftUrl => $"http://{Host}:{RaftPort}/";
}
