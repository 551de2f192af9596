using Raft3D.Node.Configuration;

namespace Raft3D.Tests.Infrastructure;

/// <summary>The command line a test node starts with, the same for in-process hosts and real processes.</summary>
internal static class NodeArguments
{
    public static string[] Build(TestNode node, IEnumerable<TestNode> initialMembers, bool join, int snapshotInterval, string? restoreFrom, params string[] extra)
        => new NodeCommandLine(node.Id, node.ApiUrl, node.RaftUrl, node.DataDirectory)
        {
            // The initial members; a joiner is not among them, it uses them to find the cluster.
            Members = [.. initialMembers.Select(member => (member.Id, member.RaftUrl, member.ApiUrl))],
            Join = join,
            SnapshotInterval = snapshotInterval,
            // A test that names an interval counts on snapshots at exactly that interval, however many rows it makes.
            SnapshotIntervalPerRow = 0,
            RestoreFrom = restoreFrom,
            Extra = extra,
        }.ToArgs();
}
