using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Raft3D.Node.Api.Problems;
using Raft3D.Node.Api.Routing;
using Raft3D.Node.Peers;
using Raft3D.Node.Security;
using Raft3D.Node.Store;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Api.Cluster;

/// <summary>Adds and removes cluster members at runtime with Raft membership changes (one at a time).</summary>
[Route("cluster/members")]
public sealed class MembersController(IFarmStore store) : FarmControllerBase
{
    /// <summary>The members in the current configuration, as this node sees them.</summary>
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<ClusterMemberResponse>>(StatusCodes.Status200OK)]
    public async Task<IReadOnlyList<ClusterMemberResponse>> List(CancellationToken token)
        => (await store.ListMembersAsync(token)).Select(ClusterMemberResponse.From).ToList();

    /// <summary>Adds a node to the cluster.</summary>
    /// <remarks>
    /// Start the new node first with <c>Raft3D:Join=true</c> (it then calls this itself), or call this for a
    /// node already running as a standby. The leader replicates the log to it as a non-voting member until it
    /// has caught up (DotNext's warm-up), then commits the new configuration; from then on it votes.
    /// </remarks>
    /// <response code="201">Added.</response>
    /// <response code="200">Already a member.</response>
    /// <response code="400">validation_failed: id, raft or http missing or not absolute URLs.</response>
    /// <response code="409">membership_change_failed: the node did not catch up in time, or nothing answers at its raft URL (the detail says which).</response>
    /// <response code="503">no_leader, leader_unreachable, or membership_change_in_progress (another change is running): retry after Retry-After.</response>
    [ForwardToLeader]
    [Authorize(Policy = ApiPolicies.Admin)]
    [HttpPost]
    [ProducesResponseType<ClusterMemberResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ClusterMemberResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> Add([FromBody] MemberRequest request, CancellationToken token)
    {
        var shape = new RequestShape();
        var id = shape.Required("id", request.Id);
        var raft = shape.Required("raft", request.Raft);
        var http = shape.Required("http", request.Http);
        if (!CommandValidator.IsValidId(id) && id.Length > 0)
        {
            shape.Add("id must be letters, digits, '.', '_' or '-'.");
        }

        if (raft.Length > 0 && !Uri.TryCreate(raft, UriKind.Absolute, out _) || http.Length > 0 && !Uri.TryCreate(http, UriKind.Absolute, out _))
        {
            shape.Add("raft and http must be absolute URLs, e.g. http://127.0.0.1:9093/ and http://127.0.0.1:8083.");
        }

        if (!shape.IsValid)
        {
            return FieldProblem(shape.Problems);
        }

        var raftUri = new Uri(raft, UriKind.Absolute);
        var change = await store.AddMemberAsync(id, raftUri, token);
        var response = new ClusterMemberResponse(id, raftUri.ToString(), http, "Available", false, false);
        return change.Kind switch
        {
            MembershipChangeKind.Added => Created($"/cluster/members/{id}", response),
            MembershipChangeKind.AlreadyMember => Ok(response),
            _ => ProblemResult(ProblemCatalog.MembershipChangeFailed, change.Detail),
        };
    }

    /// <summary>Removes a node from the cluster.</summary>
    /// <remarks>
    /// Removing the leader first makes it step down; the new leader then removes it. The removed node keeps
    /// running until it is stopped (<c>./run-cluster.sh remove-node N</c> does both).
    /// </remarks>
    /// <response code="200">Removed.</response>
    /// <response code="404">not_found: no member has this id.</response>
    /// <response code="409">membership_change_failed: DotNext refused the change now.</response>
    /// <response code="503">no_leader, or membership_change_in_progress (another change is running): retry after Retry-After.</response>
    [ForwardToLeader]
    [Authorize(Policy = ApiPolicies.Admin)]
    [HttpDelete("{id}")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> Remove(string id, CancellationToken token)
    {
        var change = await store.RemoveMemberAsync(id, token);
        return change switch
        {
            { Kind: MembershipChangeKind.Removed } => Ok(new { removed = id, members = change.Members }),
            { Kind: MembershipChangeKind.NotFound } => ProblemResult(ErrorCodes.NotFound, change.Detail),
            { Kind: MembershipChangeKind.RelayedByLeader, LeaderAnswer: { } answer } => Relay(answer),
            _ => ProblemResult(ProblemCatalog.MembershipChangeFailed, change.Detail),
        };
    }

    /// <summary>The new leader's answer as it came; a 503 keeps telling the client when to retry.</summary>
    private ContentResult Relay(LeaderAnswer answer)
    {
        ProblemWriter.AddRetryAfterIfUnavailable(Response, answer.StatusCode);
        return new ContentResult { StatusCode = answer.StatusCode, Content = answer.Body, ContentType = answer.ContentType };
    }
}
