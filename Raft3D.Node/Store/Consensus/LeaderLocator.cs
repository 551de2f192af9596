using DotNext.Net.Cluster;
using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.Extensions;
using Raft3D.Node.Peers;

namespace Raft3D.Node.Store.Consensus;

/// <summary>Finds out who leads and where its API is, from Raft member metadata, else from configuration.</summary>
public sealed class LeaderLocator(IRaftCluster cluster, ClusterTopology topology, ILogger<LeaderLocator> logger)
{
    /// <summary>Bounds a metadata fetch; it is cached by DotNext after the first success.</summary>
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a member's id and API URL are trusted before asking again (members rarely move).</summary>
    private static readonly TimeSpan DescriptionLifetime = TimeSpan.FromSeconds(30);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (NodeAddress Address, long Until)> described = new(StringComparer.Ordinal);

    /// <summary>
    /// The leader as DotNext names it, except this node while it is in standby. DotNext keeps naming a leader it
    /// was told to put in standby (StorageGuard does, when the disk fills) as the leader until its heartbeat
    /// timeout passes, though it leads nothing from the moment it is in standby.
    /// </summary>
    public IClusterMember? Leader => cluster.Leader is { IsRemote: false } && cluster is IStandbyModeSupport { Standby: true } ? null : cluster.Leader;

    public bool IsLocalLeader => Leader is { IsRemote: false };

    public async ValueTask<NodeAddress?> FindLeaderAsync(CancellationToken token)
        => Leader is { } leader ? await DescribeAsync(leader, token) : null;

    /// <summary>
    /// The leader, waiting up to <paramref name="grace"/> for an election to finish if there is none now.
    /// Riding out one election here spares clients a 503 for what is usually a sub-second gap.
    /// </summary>
    public async ValueTask<IClusterMember?> AwaitLeaderAsync(TimeSpan grace, CancellationToken token)
    {
        if (Leader is { } leader)
        {
            return leader;
        }

        try
        {
            return await cluster.WaitForLeaderAsync(grace, token);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Every member of the current configuration, as this node sees it.</summary>
    public async Task<IReadOnlyList<MemberStatus>> DescribeMembersAsync(CancellationToken token)
    {
        var leader = await FindLeaderAsync(token);
        var members = new List<MemberStatus>();
        foreach (var member in cluster.Members)
        {
            var address = await DescribeAsync(member, token);
            members.Add(new MemberStatus(address, member.Status.ToString(), leader?.RaftUrl == address.RaftUrl, !member.IsRemote));
        }

        return members;
    }

    public async ValueTask<NodeAddress> DescribeAsync(IClusterMember member, CancellationToken token)
    {
        if (!member.IsRemote)
        {
            return topology.Local;
        }

        var raftUrl = ClusterTopology.RaftUrlOf(member.EndPoint);

        // Every request names the leader and forwarded writes need its API: answer from memory, not a metadata call.
        if (described.TryGetValue(raftUrl, out var known) && known.Until > Environment.TickCount64)
        {
            return known.Address;
        }

        var address = await FetchAsync(member, raftUrl, token);
        if (address.ApiUrl is not null)
        {
            described[raftUrl] = (address, Environment.TickCount64 + (long)DescriptionLifetime.TotalMilliseconds);
        }

        return address;
    }

    private async ValueTask<NodeAddress> FetchAsync(IClusterMember member, string raftUrl, CancellationToken token)
    {
        var configured = topology.FindByRaft(raftUrl);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(MetadataTimeout);
            var metadata = await member.GetMetadataAsync(refresh: false, timeout.Token);
            return new NodeAddress(
                metadata.GetValueOrDefault(MemberMetadataKeys.NodeId) ?? configured?.Id,
                raftUrl,
                metadata.GetValueOrDefault(MemberMetadataKeys.ApiUrl) ?? configured?.ApiUrl);
        }
        catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
        {
            logger.LogDebug(e, "Metadata of {RaftUrl} unavailable; using configuration", raftUrl);
            return configured ?? new NodeAddress(null, raftUrl, null);
        }
    }
}
