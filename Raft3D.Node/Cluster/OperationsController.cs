using System.Globalization;
using DotNext.Net.Cluster;
using DotNext.Net.Cluster.Consensus.Raft;
using Microsoft.AspNetCore.Mvc;
using Raft3D.Node.Problems;
using Raft3D.Node.Reads;
using Raft3D.Node.Store;
using Raft3D.StateMachine;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Cluster;

/// <summary>Operator actions: snapshot now, step down, back up.</summary>
[Route("cluster")]
public sealed class OperationsController(IRaftCluster cluster, IFarmStore store, FarmStateMachine stateMachine, LinearizableReads reads, ILogger<OperationsController> logger) : FarmControllerBase
{
    /// <summary>Makes every node snapshot its state now, at one log index, and returns that index.</summary>
    /// <remarks>Goes through the leader like any write. Old log chunks and snapshots before it are then reclaimed.</remarks>
    [HttpPost("snapshot")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> Snapshot(CancellationToken token)
    {
        var (_, index) = await store.ExecuteWithIndexAsync(new Checkpoint(TakeSnapshot: true), token);

        // DotNext seals a snapshot file when the next entry is applied; this entry is that next one.
        await store.ExecuteWithIndexAsync(new Checkpoint(TakeSnapshot: false), token);
        logger.LogInformation("Snapshot requested by an operator at log index {Index}", index);
        return Ok(new { snapshot_index = index });
    }

    /// <summary>Makes the leader step down (for maintenance); an election follows.</summary>
    /// <remarks>Forwarded to the leader like any write. There is no transfer to a chosen node: Raft elects one.</remarks>
    [HttpPost("leader/resign")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> Resign(CancellationToken token)
    {
        var term = cluster.Term;
        var resigned = await ((ICluster)cluster).ResignAsync(token);
        logger.LogInformation("Leader resign requested in term {Term}: {Result}", term, resigned ? "stepped down" : "was not the leader");
        return resigned
            ? Ok(new { resigned = true, term })
            : ProblemResult(ErrorCodes.NoLeader, "This node was not the leader when the request arrived; retry, it will be forwarded to the current leader.");
    }

    /// <summary>Streams a consistent backup of the farm: the binary snapshot at a stated log index, checksummed.</summary>
    /// <remarks>
    /// Like <c>etcdctl snapshot save</c>. The read is linearizable (the node first catches up with the leader),
    /// so the backup holds every write acknowledged before the request. Restore with
    /// <c>Raft3D.Node --Raft3D:RestoreFrom=FILE</c> on an empty data directory (see the README).
    /// </remarks>
    /// <response code="200">The backup file; X-Raft3D-Backup-Index says which log index it reflects.</response>
    [HttpGet("backup")]
    [Produces("application/octet-stream")]
    [ProducesResponseType<FileContentResult>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> Backup(CancellationToken token)
    {
        if (!await reads.TryCatchUpAsync(token))
        {
            throw new ClusterUnavailableException(ErrorCodes.NoLeader, "No leader and majority confirmed this node's state in time, and a backup needs a linearizable read; retry.");
        }

        var (index, backup) = stateMachine.CreateBackup();
        Response.Headers["X-Raft3D-Backup-Index"] = index.ToString(CultureInfo.InvariantCulture);
        return File(backup, "application/octet-stream", $"raft3d-backup-{index}.r3db");
    }
}
