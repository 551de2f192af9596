using DotNext.Net.Cluster;
using DotNext.Net.Cluster.Consensus.Raft;

namespace Raft3D.Node.Cluster;

/// <summary>Finds out who leads and where its API is, from Raft member metadata, else from configuration.</summary>
public sealed class LeaderLocator(IRaftCluster cluster, ClusterTopology topology, ILogger<LeaderLocator> logger)
{
    /// <summary>Bounds a metadata fetch; it is cached by DotNext after the first success.</summary>
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromMilliseconds(500);

    public bool IsLocalLeader => cluster.Leader is { IsRemote: false };

    public async ValueTask<NodeAddress?> FindLeaderAsync(CancellationToken token)
        => cluster.Leader is { } leader ? await DescribeAsync(leader, token) : null;

    /// <summary>
    /// The leader, waiting up to <paramref name="grace"/> for an election to finish if there is none now.
    /// Riding out one election here spares clients a 503 for what is usually a sub-second gap.
    /// </summary>
    public async ValueTask<IClusterMember?> AwaitLeaderAsync(TimeSpan grace, CancellationToken token)
    {
        if (cluster.Leader is { } leader)
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

    public async ValueTask<NodeAddress> DescribeAsync(IClusterMember member, CancellationToken token)
    {
        if (!member.IsRemote)
        {
            return topology.Local;
        }

        var raftUrl = ClusterTopology.RaftUrlOf(member.EndPoint);
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
