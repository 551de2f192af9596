using Microsoft.Extensions.Diagnostics.HealthChecks;
using Raft3D.Node.Store;

namespace Raft3D.Node.Observability;

/// <summary>
/// Not ready while the disk is full: the node stores no new entries then, so it falls behind, and a load balancer
/// should send its clients to a member that can serve them.
/// </summary>
public sealed class StorageReadinessCheck(IFarmStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var storage = store.Storage;
        return Task.FromResult(storage.Full
            ? HealthCheckResult.Unhealthy($"Storage full: {storage.AvailableBytes / 1024} KiB free in the data directory, below the {storage.ReserveBytes / 1024} KiB reserve; storing no log entries until space is freed.")
            : HealthCheckResult.Healthy());
    }
}
