using Microsoft.AspNetCore.Mvc;
using Raft3D.Node.Peers;
using Raft3D.Node.Store;

namespace Raft3D.Node.Api.Cluster;

/// <summary>
/// The leader's half of a follower's linearizable read (Raft's "read index"): the leader confirms it still
/// leads and has applied its whole log, then says how far it has applied. The follower serves the read once
/// it has applied that far. Asked only by peers (through <see cref="LeaderApiClient"/>), so hidden from Swagger.
/// </summary>
[Route("cluster/read-index")]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ReadIndexController(IFarmStore store) : FarmControllerBase
{
    [HttpGet]
    public async Task<ReadIndexResponse> Get(CancellationToken token) => new(await store.ConfirmReadIndexAsync(token));
}
