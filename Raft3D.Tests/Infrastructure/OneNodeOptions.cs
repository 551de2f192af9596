using Raft3D.Node.Configuration;

namespace Raft3D.Tests.Infrastructure;

/// <summary>The smallest valid node settings, for tests of one setting's bounds at start.</summary>
internal static class OneNodeOptions
{
    public static Raft3DOptions With(Action<Raft3DOptions> change)
    {
        var options = new Raft3DOptions
        {
            NodeId = "node1",
            HttpUrl = "http://127.0.0.1:18080",
            RaftUrl = "http://127.0.0.1:19090/",
            Members = [new MemberOptions { Id = "node1", Raft = "http://127.0.0.1:19090/", Http = "http://127.0.0.1:18080" }],
        };
        change(options);
        return options;
    }
}
