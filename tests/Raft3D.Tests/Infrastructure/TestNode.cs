namespace Raft3D.Tests.Infrastructure;

/// <summary>The fixed identity of one test node: ports and data folder survive its restarts.</summary>
internal sealed record TestNode(string Id, int ApiPort, int RaftPort, string DataDirectory)
{
    public string ApiUrl => $"http://127.0.0.1:{ApiPort}";

    public string RaftUrl => $"http://127.0.0.1:{RaftPort}/";
}
