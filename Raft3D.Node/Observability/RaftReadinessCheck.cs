using Microsoft.Extensions.Diagnostics.HealthChecks;
using Raft3D.Node.Store;

namespace Raft3D.Node.Observability;

/// <summary>
/// Ready means: this node knows a leader and has applied everything up to the commit index it knows.
/// A load balancer that routes only to ready nodes never sends a client to a node cut off from the majority.
/// </summary>
public sealed class RaftReadinessCheck(IFarmStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var progress = store.Progress;
        if (!progress.LeaderKnown)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"No leader known in term {progress.Term}: an election is under way or this node cannot reach a majority."));
        }

        return Task.FromResult(progress.AppliedIndex >= progress.CommitIndex
            ? HealthCheckResult.Healthy($"Leader known; applied {progress.AppliedIndex} of {progress.CommitIndex} committed entries.")
            : HealthCheckResult.Unhealthy($"Catching up: applied {progress.AppliedIndex} of {progress.CommitIndex} committed entries."));
    }
}
