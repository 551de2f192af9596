using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.Http;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Microsoft.AspNetCore.Connections;
using Raft3D.Node.Configuration;
using Raft3D.StateMachine;

namespace Raft3D.Node.Cluster;

/// <summary>Wires DotNext's HTTP Raft, its write-ahead log and the farm state machine from our options.</summary>
public static class ConsensusServiceCollectionExtensions
{
    /// <summary>DotNext asks the HTTP client factory for this name when it talks to peers.</summary>
    private const string RaftClientName = "raftClient";

    public static IServiceCollection AddRaft3DConsensus(this IServiceCollection services, Raft3DOptions options)
    {
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        services.AddSingleton(new FarmStateMachineOptions
        {
            SnapshotDirectory = Path.Combine(dataDirectory, "snapshots"),
            SnapshotInterval = options.SnapshotInterval,
        });

        services.UseStateMachine<FarmStateMachine>(new WriteAheadLog.Options
        {
            Location = Path.Combine(dataDirectory, "wal"),
            HashAlgorithm = options.LogIntegrityHash,
            MemoryManagement = options.Durability == DurabilityMode.DirectIo
                ? WriteAheadLog.MemoryManagementStrategy.PrivateMemory
                : WriteAheadLog.MemoryManagementStrategy.SharedMemory,
            NoBuffering = options.Durability == DurabilityMode.DirectIo,
        });

        // A static member list: every node starts knowing the same initial configuration, so no node has
        // to bootstrap alone (coldStart) and no two clusters can form by accident.
        services.UseInMemoryConfigurationStorage(members =>
        {
            foreach (var member in options.Members)
            {
                members.Add(new UriEndPoint(new Uri(member.Raft, UriKind.Absolute)));
            }
        });

        services.ConfigureLocalNode(config =>
        {
            config.PublicEndPoint = new Uri(options.RaftUrl, UriKind.Absolute);
            config.LowerElectionTimeout = options.LowerElectionTimeout;
            config.UpperElectionTimeout = options.UpperElectionTimeout;
            config.ColdStart = false;
            config.Metadata[MemberMetadataKeys.ApiUrl] = options.HttpUrl;
            config.Metadata[MemberMetadataKeys.NodeId] = options.NodeId;
        });

        // A dead peer should cost one short connect attempt, not the OS default, or heartbeats to the live
        // peers queue behind it and failover slows down.
        services.AddHttpClient(RaftClientName).ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromMilliseconds(250),
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
        });

        services.AddSingleton<ClusterTopology>();
        services.AddSingleton<LeaderLocator>();
        return services;
    }
}
