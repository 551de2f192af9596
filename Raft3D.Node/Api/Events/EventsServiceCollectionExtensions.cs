using Microsoft.AspNetCore.Cors.Infrastructure;
using Raft3D.Node.Api.Cors;
using Raft3D.Node.Store.Events;
using Raft3D.StateMachine.Changes;

namespace Raft3D.Node.Api.Events;

/// <summary>The live side of the API: the event journal the state machine feeds, the stream, and CORS for the dashboard.</summary>
public static class EventsServiceCollectionExtensions
{
    public static IServiceCollection AddRaft3DEvents(this IServiceCollection services)
    {
        // The state machine takes its observers when it is built, before it restores or replays anything.
        services.AddSingleton<FarmEventJournal>();
        services.AddSingleton<IAppliedChangesObserver>(static provider => provider.GetRequiredService<FarmEventJournal>());
        services.AddSingleton<EventFrameRenderer>();
        services.AddHostedService<ClusterEventPublisher>();
        services.AddCors();
        services.AddSingleton<ICorsPolicyProvider, MemberOriginsCorsPolicyProvider>();
        return services;
    }
}
