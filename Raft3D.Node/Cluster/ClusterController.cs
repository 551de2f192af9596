using DotNext.Net.Cluster.Consensus.Raft;
using Microsoft.AspNetCore.Mvc;
using Raft3D.Node.Problems;
using Raft3D.StateMachine;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Cluster;

/// <summary>The Raft cluster as seen from this node.</summary>
[Route("cluster")]
public sealed class ClusterController(IRaftCluster cluster, FarmStateMachine stateMachine, LeaderLocator leaders, ClusterTopology topology) : FarmControllerBase
{
    /// <summary>This node's id and role, the term, the leader, every member, and how far the log is committed and applied.</summary>
    /// <remarks>Answered locally, even without a leader, so operators can see a broken cluster.</remarks>
    [HttpGet("status")]
    [ProducesResponseType<ClusterStatusResponse>(StatusCodes.Status200OK)]
    public async Task<ClusterStatusResponse> Status(CancellationToken token)
    {
        var leaderAddress = await leaders.FindLeaderAsync(token);
        var members = await leaders.DescribeMembersAsync(token);
        var (digest, digestIndex) = stateMachine.DigestAtLastApplied();
        var log = cluster.Wal();
        return new ClusterStatusResponse(
            topology.Local.Id,
            leaders.IsLocalLeader ? "leader" : "follower",
            cluster.Term,
            leaderAddress?.Id,
            leaderAddress?.RaftUrl,
            leaderAddress?.ApiUrl,
            members,
            log.LastCommittedEntryIndex,
            log.LastEntryIndex,
            log.LastAppliedIndex,
            digest,
            digestIndex);
    }

    /// <summary>Who leads now, and where its API is.</summary>
    /// <response code="503">no_leader: an election is under way or there is no majority.</response>
    [HttpGet("leader")]
    [ProducesResponseType<ClusterLeaderResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> Leader(CancellationToken token)
    {
        if (await leaders.FindLeaderAsync(token) is not { } leader)
        {
            Response.Headers.RetryAfter = ProblemWriter.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ProblemResult(ErrorCodes.NoLeader, "No leader is known to this node right now; an election may be under way.");
        }

        return Ok(new ClusterLeaderResponse(leader.Id, leader.RaftUrl, leader.ApiUrl, cluster.Term, topology.Local.Id ?? string.Empty));
    }
}
