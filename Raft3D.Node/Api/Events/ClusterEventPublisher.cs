using Raft3D.Node.Store;
using Raft3D.Node.Store.Events;

namespace Raft3D.Node.Api.Events;

/// <summary>Announces leader and membership changes to the event stream's clients, live (they are not log entries).</summary>
public sealed class ClusterEventPublisher(IFarmStore store, FarmEventJournal journal) : IHostedService
{
    private volatile LeaderChange? lastLeader;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        store.LeaderChanged += OnLeaderChanged;
        store.MembershipChanged += OnMembershipChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        store.LeaderChanged -= OnLeaderChanged;
        store.MembershipChanged -= OnMembershipChanged;
        return Task.CompletedTask;
    }

    private void OnLeaderChanged(LeaderChange change)
    {
        lastLeader = change;
        journal.Announce(ClusterNotices.Of(store.Self.Id, change.IsLocal, change.Term, change.Leader));
    }

    // Clients re-read the member list on any cluster event; the leader is the one last announced (nothing here may wait).
    private void OnMembershipChanged(MembershipEvent change)
        => journal.Announce(ClusterNotices.Of(store.Self.Id, store.IsLeader, store.Term, lastLeader?.Leader));
}
