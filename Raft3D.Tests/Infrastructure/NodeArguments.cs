namespace Raft3D.Tests.Infrastructure;

/// <summary>The command line a test node starts with, the same for in-process hosts and real processes.</summary>
internal static class NodeArguments
{
    public static string[] Build(TestNode node, IEnumerable<TestNode> initialMembers, bool join, int snapshotInterval, string? restoreFrom, params string[] extra)
    {
        var args = new List<string>
        {
            $"--Raft3D:NodeId={node.Id}",
            $"--Raft3D:HttpUrl={node.ApiUrl}",
            $"--Raft3D:RaftUrl={node.RaftUrl}",
            $"--Raft3D:DataDirectory={node.DataDirectory}",
            $"--Raft3D:SnapshotInterval={snapshotInterval}",
            "--Raft3D:Logging:Console=Warning",
        };

        // The initial members; a joiner is not among them, it uses them to find the cluster.
        var i = 0;
        foreach (var member in initialMembers)
        {
            args.Add($"--Raft3D:Members:{i}:Id={member.Id}");
            args.Add($"--Raft3D:Members:{i}:Raft={member.RaftUrl}");
            args.Add($"--Raft3D:Members:{i}:Http={member.ApiUrl}");
            i++;
        }

        if (join)
        {
            args.Add("--Raft3D:Join=true");
        }

        if (restoreFrom is not null)
        {
            args.Add($"--Raft3D:RestoreFrom={restoreFrom}");
        }

        args.AddRange(extra);
        return [.. args];
    }
}
