using System.Buffers.Binary;
using DotNext.Net.Cluster.Consensus.Raft;
using Microsoft.AspNetCore.Mvc;

namespace Raft3D.Floor;

/// <summary>One write and one linearizable read through MVC, as the node's controllers do, with no work of their own.</summary>
[ApiController]
[Route("value")]
public sealed class ValueController(IRaftCluster cluster) : ControllerBase
{
    [HttpPost]
    public async Task<IActionResult> WriteAsync()
    {
        var entry = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(entry, Environment.TickCount64);
        await cluster.ReplicateAsync(entry, token: HttpContext.RequestAborted);
        return NoContent();
    }

    [HttpGet]
    public async Task<IActionResult> ReadAsync()
    {
        await cluster.ApplyReadBarrierAsync(HttpContext.RequestAborted);
        return NoContent();
    }
}
