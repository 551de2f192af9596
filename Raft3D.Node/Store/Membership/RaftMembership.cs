using DotNext.Net.Cluster;
using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.Http;
using Raft3D.Node.Peers;
using Raft3D.Node.Store.Consensus;

namespace Raft3D.Node.Store.Membership;

/// <summary>Adds and removes members with DotNext's Raft membership changes, one at a time.</summary>
public sealed class RaftMembership(
    IRaftHttpCluster cluster,
    LeaderLocator leaders,
    MemberReachability reachability,
    LeaderHandOver handOver,
    ILogger<RaftMembership> logger)
{
    // Raft changes membership one member at a time; a second change while one runs is refused up front, so
    // the caller hears "retry" rather than waiting behind a warm-up that may take long.
    private int changing;

    private IReadOnlyCollection<IRaftClusterMember> Members => ((IRaftCluster)cluster).Members;

    public async Task<MembershipChange> AddAsync(string id, Uri raftUrl, CancellationToken token)
    {
        if (Members.Any(m => ClusterTopology.RaftUrlOf(m.EndPoint) == raftUrl.ToString()))
        {
            return new MembershipChange(MembershipChangeKind.AlreadyMember, $"{id} at {raftUrl} is already a member.", Members.Count);
        }

        RequireLeader();
        BeginChange();
        try
        {
            logger.LogInformation("Adding member {Id} ({RaftUrl}): warming it up", id, raftUrl);
            if (!await ChangeAsync(() => cluster.AddMemberAsync(raftUrl, token), token))
            {
                var why = await reachability.IsReachableAsync(raftUrl, token)
                    ? "it answers but did not catch up with the log in time; retry"
                    : "nothing answers at that raft URL: start the node (with Raft3D:Join=true it asks to be added itself), then retry";
                logger.LogWarning("Adding member {Id} ({RaftUrl}) failed: {Why}", id, raftUrl, why);
                return new MembershipChange(MembershipChangeKind.Failed, $"Node {id} at {raftUrl} could not be added: {why}.", Members.Count);
            }

            logger.LogInformation("Member {Id} ({RaftUrl}) added; the cluster now has {Count} members", id, raftUrl, Members.Count);
            return new MembershipChange(MembershipChangeKind.Added, $"{id} added.", Members.Count);
        }
        finally
        {
            Volatile.Write(ref changing, 0);
        }
    }

    public async Task<MembershipChange> RemoveAsync(string id, CancellationToken token)
    {
        IClusterMember? target = null;
        foreach (var member in Members)
        {
            if ((await leaders.DescribeAsync(member, token)).Id == id)
            {
                target = member;
            }
        }

        if (target is null)
        {
            return new MembershipChange(MembershipChangeKind.NotFound, $"No member has id '{id}'.", Members.Count);
        }

        if (!target.IsRemote)
        {
            return await handOver.RemoveSelfAsync(id, token);
        }

        RequireLeader();
        BeginChange();
        try
        {
            var raftUrl = ClusterTopology.RaftUrlOf(target.EndPoint);
            logger.LogInformation("Removing member {Id} ({RaftUrl})", id, raftUrl);
            if (!await ChangeAsync(() => cluster.RemoveMemberAsync(new Uri(raftUrl), token), token))
            {
                return new MembershipChange(MembershipChangeKind.Failed, $"Member {id} could not be removed now (another membership change may be in progress). Retry.", Members.Count);
            }

            logger.LogInformation("Member {Id} removed; the cluster now has {Count} members", id, Members.Count);
            return new MembershipChange(MembershipChangeKind.Removed, $"{id} removed.", Members.Count);
        }
        finally
        {
            Volatile.Write(ref changing, 0);
        }
    }

    private void RequireLeader()
    {
        if (!leaders.IsLocalLeader)
        {
            throw new ClusterUnavailableException(UnavailableReason.NoLeader, "Only the leader changes membership and this node is not it; retry.");
        }
    }

    /// <summary>Runs a DotNext membership change, telling "lost leadership" and "DotNext is busy" apart from a plain refusal.</summary>
    private static async Task<bool> ChangeAsync(Func<Task<bool>> change, CancellationToken token)
    {
        try
        {
            return await change();
        }
        catch (Exception e) when (e is NotLeaderException or OperationCanceledException && !token.IsCancellationRequested)
        {
            // DotNext cancels a change when this node stops leading; the new leader may never have seen it.
            throw new ClusterUnavailableException(UnavailableReason.NoLeader, "This node stopped leading during the membership change; retry, the new leader will take it.", e);
        }
        catch (RaftProtocolException e)
        {
            // DotNext's own guard against concurrent changes (e.g. its failure detector removing a member).
            throw new ClusterUnavailableException(UnavailableReason.MembershipChangeInProgress, $"DotNext refused the change while another one runs ({e.Message}); retry.", e);
        }
    }

    /// <summary>Takes the one-change gate; the caller releases it.</summary>
    private void BeginChange()
    {
        if (Interlocked.Exchange(ref changing, 1) == 1)
        {
            throw new ClusterUnavailableException(UnavailableReason.MembershipChangeInProgress, "Another membership change is still running on the leader; Raft changes one member at a time. Retry when it is done.");
        }
    }
}
