using Microsoft.Extensions.DependencyInjection.Extensions;
using Raft3D.Node.Configuration;
using Raft3D.Node.Store.Commands;
using Raft3D.Node.Store.Consensus;
using Raft3D.Node.Store.Membership;
using Raft3D.Node.Store.Operations;
using Raft3D.Node.Store.Reads;
using Raft3D.Node.Store.Storage;

namespace Raft3D.Node.Store.Raft;

/// <summary>The Raft-backed store and everything behind it.</summary>
public static class StoreServiceCollectionExtensions
{
    public static IServiceCollection AddRaft3DStore(this IServiceCollection services, Raft3DOptions options)
    {
        services.AddRaft3DConsensus(options);

        // After the cluster's own hosted service (added above), so the guard starts once the cluster has.
        services.AddSingleton<StorageGuard>();
        services.AddHostedService(static provider => provider.GetRequiredService<StorageGuard>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CommandReplicator>();
        services.AddSingleton<LeaderReadIndex>();
        services.AddSingleton<LinearizableReads>();
        services.AddSingleton<RaftMembership>();
        services.AddSingleton<LeaderHandOver>();
        services.AddHostedService<StepDownOnShutdown>();
        services.AddSingleton<RaftOperations>();
        services.AddSingleton<IFarmStore, RaftFarmStore>();
        return services;
    }
}
