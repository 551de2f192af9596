using DotNext.Net.Cluster;
using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.Http;
using Microsoft.AspNetCore.Mvc;
using Raft3D.Node.Cluster;
using Raft3D.Node.Configuration;
using Raft3D.Node.Forwarding;
using Raft3D.Node.Hosting;
using Raft3D.Node.Problems;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Membership;

/// <summary>Adds and removes cluster members at runtime with Raft membership changes (one at a time).</summary>
[Route("cluster/members")]
public sealed class MembersController(
    IRaftHttpCluster cluster,
    LeaderLocator leaders,
    LeaderForwardingClient forwarding,
    Raft3DOptions options,
    ILogger<MembersController> logger) : FarmControllerBase
{
    /// <summary>The members in the current configuration, as this node sees them.</summary>
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<ClusterMemberResponse>>(StatusCodes.Status200OK)]
    public Task<IReadOnlyList<ClusterMemberResponse>> List(CancellationToken token) => leaders.DescribeMembersAsync(token);

    /// <summary>Adds a node to the cluster.</summary>
    /// <remarks>
    /// Start the new node first with <c>Raft3D:Join=true</c> (it then calls this itself), or call this for a
    /// node already running as a standby. The leader replicates the log to it as a non-voting member until it
    /// has caught up (DotNext's warm-up), then commits the new configuration; from then on it votes.
    /// </remarks>
    /// <response code="201">Added.</response>
    /// <response code="200">Already a member.</response>
    /// <response code="400">validation_failed: id, raft or http missing or not absolute URLs.</response>
    /// <response code="409">membership_change_failed: the node did not catch up, or another change is in progress.</response>
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
        var response = new ClusterMemberResponse(id, raftUri.ToString(), http, "Available", false, false);
        if (Members.Any(m => ClusterTopology.RaftUrlOf(m.EndPoint) == raftUri.ToString()))
        {
            return Ok(response);
        }

        if (!leaders.IsLocalLeader)
        {
            throw new ClusterUnavailableException(ErrorCodes.NoLeader, "Only the leader changes membership and this node is not it; retry.");
        }

        logger.LogInformation("Adding member {Id} ({RaftUrl}, API {HttpUrl}): warming it up", id, raftUri, http);
        if (!await cluster.AddMemberAsync(raftUri, token))
        {
            logger.LogWarning("Adding member {Id} ({RaftUrl}) failed", id, raftUri);
            return ProblemResult(MembershipChangeFailed, $"Node {id} at {raftUri} could not be added: it did not catch up in time, or another membership change is in progress. Retry.");
        }

        logger.LogInformation("Member {Id} ({RaftUrl}) added; the cluster now has {Count} members", id, raftUri, Members.Count);
        return Created($"/cluster/members/{id}", response);
    }

    /// <summary>Removes a node from the cluster.</summary>
    /// <remarks>
    /// Removing the leader first makes it step down; the new leader then removes it. The removed node keeps
    /// running until it is stopped (<c>./run-cluster.sh remove-node N</c> does both).
    /// </remarks>
    /// <response code="200">Removed.</response>
    /// <response code="404">not_found: no member has this id.</response>
    /// <response code="409">membership_change_failed: another change is in progress.</response>
    [HttpDelete("{id}")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> Remove(string id, CancellationToken token)
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
            return ProblemResult(ErrorCodes.NotFound, $"No member has id '{id}'.");
        }

        if (!target.IsRemote)
        {
            return await HandOverAndRemoveSelfAsync(id, token);
        }

        if (!leaders.IsLocalLeader)
        {
            throw new ClusterUnavailableException(ErrorCodes.NoLeader, "Only the leader changes membership and this node is not it; retry.");
        }

        var raftUrl = ClusterTopology.RaftUrlOf(target.EndPoint);
        logger.LogInformation("Removing member {Id} ({RaftUrl})", id, raftUrl);
        if (!await cluster.RemoveMemberAsync(new Uri(raftUrl), token))
        {
            return ProblemResult(MembershipChangeFailed, $"Member {id} could not be removed now (another membership change may be in progress). Retry.");
        }

        logger.LogInformation("Member {Id} removed; the cluster now has {Count} members", id, Members.Count);
        return Ok(new { removed = id, members = Members.Count });
    }

    private const string MembershipChangeFailed = "membership_change_failed";

    private IReadOnlyCollection<IRaftClusterMember> Members => ((IRaftCluster)cluster).Members;

    // The leader cannot commit its own removal safely and go on leading; it steps down and asks the new leader.
    private async Task<IActionResult> HandOverAndRemoveSelfAsync(string id, CancellationToken token)
    {
        logger.LogInformation("Removing myself ({Id}): stepping down first", id);
        await ((ICluster)cluster).ResignAsync(token);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(token);
        deadline.CancelAfter(TimeSpan.FromMilliseconds(options.QuorumWaitTimeoutMs));
        try
        {
            return await AskNewLeaderToRemoveAsync(id, deadline.Token);
        }
        catch (OperationCanceledException e) when (!token.IsCancellationRequested)
        {
            throw new ClusterUnavailableException(ErrorCodes.NoLeader, $"Stepped down, but no other leader took over within {options.QuorumWaitTimeoutMs} ms to remove {id}; retry.", e);
        }
    }

    private async Task<IActionResult> AskNewLeaderToRemoveAsync(string id, CancellationToken token)
    {
        while (true)
        {
            var leader = await leaders.AwaitLeaderAsync(options.ElectionGrace, token);
            if (leader is { IsRemote: true } && await leaders.DescribeAsync(leader, token) is { ApiUrl: { } api })
            {
                using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(new Uri(api), $"/cluster/members/{Uri.EscapeDataString(id)}"));
                request.Headers.Add(NodeHeaders.ForwardedBy, options.NodeId);
                using var response = await forwarding.Invoker.SendAsync(request, token);
                var body = await response.Content.ReadAsStringAsync(token);
                return new ContentResult
                {
                    StatusCode = (int)response.StatusCode,
                    Content = body,
                    ContentType = response.Content.Headers.ContentType?.ToString() ?? "application/json",
                };
            }

            if (leader is { IsRemote: false })
            {
                // Re-elected (e.g. a two-node cluster): try stepping down once more.
                await ((ICluster)cluster).ResignAsync(token);
            }

            token.ThrowIfCancellationRequested();
            await Task.Delay(TimeSpan.FromMilliseconds(100), token);
        }
    }
}
