using Raft3D.Node.Store;
using Raft3D.Node.Store.Events;

namespace Raft3D.Node.Api.Events;

/// <summary>The cluster event: this node's role and the leader it follows, now or as a change reports them.</summary>
public static class ClusterNotices
{
    public static async Task<JournalEvent> CurrentAsync(IFarmStore store, CancellationToken token)
    {
        var leader = await store.FindLeaderAsync(token);
        return Of(store.Self.Id, store.IsLeader, store.Term, leader);
    }

    public static JournalEvent Of(string? nodeId, bool isLeader, long term, Peers.NodeAddress? leader)
        => new(EventTypes.Cluster, null, new ClusterNotice(nodeId, isLeader ? "leader" : "follower", term, leader?.Id, leader?.ApiUrl));
}
