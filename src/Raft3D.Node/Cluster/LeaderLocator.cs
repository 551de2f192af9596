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
