namespace Raft3D.Tests.Infrastructure;

/// <summary>
/// A running cluster as the fault checks see it, whatever runs its nodes: processes on this machine, containers,
/// or processes in their own network namespaces. <see cref="FarmClusterWaits"/> waits on any of them.
/// </summary>
internal interface IFarmCluster
{
    IReadOnlyList<TestNode> Nodes { get; }

    /// <summary>The nodes that are up now (not killed or stopped by the test).</summary>
    IEnumerable<string> RunningIds { get; }

    TestNode Node(string nodeId);

    /// <summary>An HTTP client for one node's API.</summary>
    HttpClient Client(string nodeId);
}
