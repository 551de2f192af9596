namespace Raft3D.Node.Observability;

/// <summary>Metrics, health checks and the cluster event log.</summary>
public static class ObservabilityServiceCollectionExtensions
{
    /// <summary>The tag of the checks /readyz runs; /healthz runs none (alive is enough).</summary>
    public const string ReadyTag = "ready";

    public static IServiceCollection AddRaft3DObservability(this IServiceCollection services)
    {
        services.AddSingleton<NodeMetrics>();
        services.AddHostedService<ClusterEventsService>();
        services.AddHealthChecks()
            .AddCheck<RaftReadinessCheck>("raft", tags: [ReadyTag])
            .AddCheck<StorageReadinessCheck>("storage", tags: [ReadyTag]);
        return services;
    }
}
