using DotNext.Net.Cluster.Consensus.Raft;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Raft3D.Node.Cluster;

namespace Raft3D.Node.Observability;

/// <summary>
/// Ready means: this node knows a leader and has applied everything up to the commit index it knows.
/// A load balancer that routes only to ready nodes never sends a client to a node cut off from the majority.
/// </summary>
public sealed class RaftReadinessCheck(IRaftCluster cluster) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (cluster.Leader is null)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"No leader known in term {cluster.Term}: an election is under way or this node cannot reach a majority."));
        }

        var committed = cluster.AuditTrail.LastCommittedEntryIndex;
        var applied = cluster.Wal().LastAppliedIndex;
        return Task.FromResult(applied >= committed
            ? HealthCheckResult.Healthy($"Leader known; applied {applied} of {committed} committed entries.")
            : HealthCheckResult.Unhealthy($"Catching up: applied {applied} of {committed} committed entries."));
    }
}
