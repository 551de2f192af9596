using DotNext.Net.Cluster;
using DotNext.Net.Cluster.Consensus.Raft;

namespace Raft3D.Node.Store.Consensus;

/// <summary>The term in which this node currently leads, taken at the moment it won the election.</summary>
/// <remarks>
/// DotNext's <c>ReplicateAsync(payload)</c> stamps the entry with the cluster's term as it is at
/// the call. A leader that has just heard of a higher term (a frozen leader, resumed) still holds its leader
/// state for an instant with the new term already set, so it can append an entry stamped with a term that is
/// not its own, at an index where the real leader of that term has another entry. Log matching then accepts
/// both, and the states diverge: seen in the SIGSTOP fault test. DotNext raises LeaderChanged inside the
/// transition to leader, under the lock that term changes also take, so the term read there is exactly the
/// leadership's. Entries stamped with it are simply overwritten if that leadership is already over.
/// </remarks>
public sealed class LeaderTerm(IRaftCluster cluster) : IHostedService
{
    private const long NotLeading = -1; // a single-member cluster leads from term 0
    private long term = NotLeading;

    /// <summary>The term this node leads in, or null when it does not lead.</summary>
    public long? Current => Volatile.Read(ref term) is >= 0 and var t ? t : null;

    // Registered before DotNext's cluster service, so it is listening before the first election.
    public Task StartAsync(CancellationToken cancellationToken)
    {
        cluster.LeaderChanged += OnLeaderChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        cluster.LeaderChanged -= OnLeaderChanged;
        return Task.CompletedTask;
    }

    private void OnLeaderChanged(ICluster sender, IClusterMember? leader)
        => Volatile.Write(ref term, leader is { IsRemote: false } ? cluster.Term : NotLeading);
}
