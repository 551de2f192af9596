using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Raft3D.Node.Api.Routing;
using Raft3D.Node.Security;
using Raft3D.Node.Store;

namespace Raft3D.Node.Api.Cluster;

/// <summary>The cluster's own operations: snapshot now, step down, back up. Admin only: a backup is the whole farm.</summary>
[Route("cluster")]
[Authorize(Policy = ApiPolicies.Admin)]
public sealed class OperationsController(IFarmStore store) : FarmControllerBase
{
    /// <summary>Makes every node snapshot its state now, at one log index, and returns that index.</summary>
    /// <remarks>Goes through the leader like any write. Old log chunks and snapshots before it are then reclaimed.</remarks>
    [ForwardToLeader]
    [HttpPost("snapshot")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> Snapshot(CancellationToken token)
        => Ok(new { snapshot_index = await store.SnapshotAsync(token) });

    /// <summary>Makes the leader step down (for maintenance); an election follows.</summary>
    /// <remarks>Forwarded to the leader like any write. There is no transfer to a chosen node: Raft elects one.</remarks>
    [ForwardToLeader]
    [HttpPost("leader/resign")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> Resign(CancellationToken token)
        => Ok(new { resigned = true, term = await store.ResignAsync(token) });

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
        var backup = await store.BackupAsync(token);
        Response.Headers["X-Raft3D-Backup-Index"] = backup.Index.ToString(CultureInfo.InvariantCulture);
        return File(backup.Bytes, "application/octet-stream", $"raft3d-backup-{backup.Index}.r3db");
    }
}
