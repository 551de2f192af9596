using DotNext.Diagnostics;
using DotNext.IO.Log;
using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.Http;
using DotNext.Net.Cluster.Consensus.Raft.Membership;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Microsoft.AspNetCore.Connections;
using Raft3D.Node.Configuration;
using Raft3D.Node.Peers;
using Raft3D.Node.Security;
using Raft3D.Node.Tls;
using Raft3D.StateMachine;

namespace Raft3D.Node.Store.Consensus;

/// <summary>Wires DotNext's HTTP Raft, its write-ahead log and the farm state machine from our options.</summary>
public static class ConsensusServiceCollectionExtensions
{
    /// <summary>DotNext asks the HTTP client factory for this name when it talks to peers.</summary>
    private const string RaftClientName = "raftClient";

    public static IServiceCollection AddRaft3DConsensus(this IServiceCollection services, Raft3DOptions options)
    {
        // Before DotNext's own hosted service, so they are listening before the first election.
        services.AddSingleton<LeaderTerm>();
        services.AddHostedService(static provider => provider.GetRequiredService<LeaderTerm>());
        services.AddSingleton<RaftEvents>();
        services.AddHostedService(static provider => provider.GetRequiredService<RaftEvents>());

        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        AddStateMachineAndLog(services, options, dataDirectory);
        AddMembership(services, options, dataDirectory);
        services.ConfigureLocalNode(config => ConfigureLocalNode(config, options));

        // A dead peer should cost one short connect attempt, not the OS default, or heartbeats to the live
        // peers queue behind it and failover slows down (see PeerConnectTimeoutMs). This node's certificate goes
        // along for peers that require mutual TLS on their raft listener.
        services.AddHttpClient(RaftClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => OutgoingConnections.CreateHandler(
                options.RaftUrl, TimeSpan.FromMilliseconds(options.PeerConnectTimeoutMs), provider.GetRequiredService<NodeCertificates>(), presentCertificate: true))
            .AddHttpMessageHandler(() => new RaftRequestDeadlines(TimeSpan.FromMilliseconds(options.UpperElectionTimeout)))
            .AddHttpMessageHandler(static provider => new ClusterProofHandler(provider.GetService<ClusterProof>()));
        services.AddSingleton<LeaderLocator>();
        services.AddHostedService<StuckFollowerRescue>();
        return services;
    }

    /// <summary>
    /// What DotNext's UseStateMachine registers, with FlushedAppendLog in place of its WriteAheadLog, so a follower
    /// answers the leader only once the entries are on disk. The log stays a lazy singleton: it must be built
    /// after RestoreStateAsync has loaded the snapshot. Registered as itself too, so the store reads how far
    /// entries were applied from the log it knows, not by casting DotNext's audit trail.
    /// </summary>
    private static void AddStateMachineAndLog(IServiceCollection services, Raft3DOptions options, string dataDirectory)
    {
        services.AddSingleton(new FarmStateMachineOptions
        {
            SnapshotDirectory = Path.Combine(dataDirectory, "snapshots"),
            SnapshotInterval = options.SnapshotInterval,
            SnapshotIntervalPerRow = options.SnapshotIntervalPerRow,
        });

        var logOptions = new WriteAheadLog.Options
        {
            Location = Path.Combine(dataDirectory, "wal"),
            HashAlgorithm = options.LogIntegrityHash,
            ChunkSize = options.LogChunkBytes,
            MemoryManagement = options.Durability == DurabilityMode.DirectIo
                ? WriteAheadLog.MemoryManagementStrategy.PrivateMemory
                : WriteAheadLog.MemoryManagementStrategy.SharedMemory,
            NoBuffering = options.Durability == DurabilityMode.DirectIo,
        };

        services.AddSingleton<FarmStateMachine>();
        services.AddSingleton<IStateMachine>(static provider => provider.GetRequiredService<FarmStateMachine>());
        services.AddSingleton(provider => new FlushedAppendLog(logOptions, provider.GetRequiredService<IStateMachine>()));
        services.AddSingleton<IPersistentState>(static provider => provider.GetRequiredService<FlushedAppendLog>());
        services.AddSingleton<IAuditTrail<IRaftLogEntry>>(static provider => provider.GetRequiredService<IPersistentState>());
    }

    /// <summary>
    /// Membership lives in a file that Raft membership changes keep current, so a restarted node remembers the
    /// cluster as it is, not as it was configured. MembershipSeeder writes the initial list once; coldStart
    /// stays off, so no node ever bootstraps a cluster of its own by accident.
    /// </summary>
    private static void AddMembership(IServiceCollection services, Raft3DOptions options, string dataDirectory)
    {
        services.UsePersistentConfigurationStorage(Path.Combine(dataDirectory, "cluster-members"));
        services.AddSingleton<MembershipSeeder>();
        services.AddSingleton<MemberAnnouncer>();
        services.AddSingleton<ClusterMemberAnnouncer<UriEndPoint>>(static provider => provider.GetRequiredService<MemberAnnouncer>().AnnounceAsync);
        if (options.AutoRemoveUnresponsiveAfterMs > 0)
        {
            var pause = TimeSpan.FromMilliseconds(options.AutoRemoveUnresponsiveAfterMs);
            services.AddSingleton<Func<TimeSpan, IRaftClusterMember, IFailureDetector>>(
                (heartbeat, _) => new PhiAccrualFailureDetector(heartbeat) { AcceptableHeartbeatPause = pause });
        }
    }

    private static void ConfigureLocalNode(HttpClusterMemberConfiguration config, Raft3DOptions options)
    {
        config.PublicEndPoint = new Uri(options.RaftUrl, UriKind.Absolute);
        config.LowerElectionTimeout = options.LowerElectionTimeout;
        config.UpperElectionTimeout = options.UpperElectionTimeout;
        config.ColdStart = false;

        // DotNext's RPC timeout now bounds snapshot transfers only; RaftRequestDeadlines keeps every other Raft
        // request at DotNext's default deadline. The request timeout (the HTTP client's own) may not be shorter.
        config.RpcTimeout = TimeSpan.FromMilliseconds(options.SnapshotTransferTimeoutMs);
        config.RequestTimeout = config.RpcTimeout;
        config.ProtocolVersion = options.RaftHttp2 ? DotNext.Net.Http.HttpProtocolVersion.Http2 : DotNext.Net.Http.HttpProtocolVersion.Http1;

        // Without TLS there is no protocol negotiation: HTTP/2 must be asked for exactly.
        config.ProtocolVersionPolicy = options.RaftHttp2 ? HttpVersionPolicy.RequestVersionExact : HttpVersionPolicy.RequestVersionOrLower;

        // Peers find this node's API and id here; followers use them to forward writes to the leader.
        config.Metadata[MemberMetadataKeys.ApiUrl] = options.HttpUrl;
        config.Metadata[MemberMetadataKeys.NodeId] = options.NodeId;
    }
}
