namespace Raft3D.Node.Peers;

/// <summary>How this node finds and talks to the other nodes' APIs.</summary>
public static class PeersServiceCollectionExtensions
{
    public static IServiceCollection AddRaft3DPeers(this IServiceCollection services)
    {
        services.AddHttpForwarder();
        services.AddSingleton<ClusterTopology>();
        services.AddSingleton<LeaderApiClient>();
        services.AddSingleton<LeaderCommandForwarder>();
        services.AddSingleton<MemberReachability>();
        services.AddSingleton<JoinRequest>();
        services.AddHostedService<JoinAnnouncer>();
        return services;
    }
}
