using Microsoft.AspNetCore.Mvc;
using Raft3D.Node.Api.Problems;
using Raft3D.Node.Store;

namespace Raft3D.Node.Api.Cluster;

/// <summary>The Raft cluster as seen from this node.</summary>
[Route("cluster")]
public sealed class ClusterController(IFarmStore store) : FarmControllerBase
{
    /// <summary>This node's id and role, the term, the leader, every member, and how far the log is committed and applied.</summary>
    /// <remarks>Answered locally, even without a leader, so operators can see a broken cluster.</remarks>
    [HttpGet("status")]
    [ProducesResponseType<ClusterStatusResponse>(StatusCodes.Status200OK)]
    public async Task<ClusterStatusResponse> Status(CancellationToken token)
        => ClusterStatusResponse.From(await store.GetStatusAsync(token));

    /// <summary>Who leads now, and where its API is.</summary>
    /// <response code="503">no_leader: an election is under way or there is no majority.</response>
    [HttpGet("leader")]
    [ProducesResponseType<ClusterLeaderResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> Leader(CancellationToken token)
        => await store.FindLeaderAsync(token) is { } leader
            ? Ok(new ClusterLeaderResponse(leader.Id, leader.RaftUrl, leader.ApiUrl, store.Term, store.Self.Id ?? string.Empty))
            : ProblemResult(ProblemCatalog.NoLeader, "No leader is known to this node right now; an election may be under way.");
}
