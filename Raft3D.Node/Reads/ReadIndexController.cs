using DotNext.Net.Cluster;
using DotNext.Net.Cluster.Consensus.Raft;
using Microsoft.AspNetCore.Mvc;
using Raft3D.Node.Cluster;
using Raft3D.Node.Problems;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Reads;

/// <summary>
/// The leader's half of a follower's linearizable read (Raft's "read index"): the leader confirms it still
/// leads with a replication round and has applied every entry of its log, including its own term's first
/// entry, then says how far it has applied. The follower serves the read once it has applied that far.
/// </summary>
[Route("cluster/read-index")]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ReadIndexController(IRaftCluster cluster, LeaderLocator leaders) : FarmControllerBase
{
    [HttpGet]
    public async Task<IActionResult> Get(CancellationToken token)
    {
        if (!leaders.IsLocalLeader)
        {
            return ProblemResult(ErrorCodes.NoLeader, "This node is not the leader.");
        }

        try
        {
            await cluster.ApplyReadBarrierAsync(token);
        }
        catch (Exception e) when (e is LeaderOperationException or MemberUnavailableException)
        {
            return ProblemResult(ErrorCodes.NoLeader, "Leadership could not be confirmed.");
        }

        var applied = cluster.Wal().LastAppliedIndex;
        return Ok(new ReadIndexResponse(applied, cluster.Term));
    }
}
