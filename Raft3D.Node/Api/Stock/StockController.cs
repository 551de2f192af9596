using Microsoft.AspNetCore.Mvc;
using Raft3D.Node.Api.Routing;
using Raft3D.Node.Store;
using Raft3D.StateMachine.Stock;

namespace Raft3D.Node.Api.Stock;

/// <summary>The farm's filament stock by type and colour.</summary>
[Route("api/v1/stock")]
public sealed class StockController(IFarmStore store, StockPolicy stock) : FarmControllerBase
{
    /// <summary>Sums the live spools by type and colour, with what waiting jobs will take, and flags low stock.</summary>
    /// <remarks>
    /// One row per type and colour (colours grouped ignoring case), in the order their oldest spools were
    /// registered; archived spools are left out. A group is low on stock when its available weight is below the
    /// sum of its spools' thresholds (each spool's own, or this node's default share of its total).
    /// queued_demand_in_grams is what Queued jobs will take; the part of it no printer has taken yet is
    /// unassigned_demand_in_grams.
    /// </remarks>
    /// <response code="200">The groups; an empty array for a farm without spools.</response>
    [LinearizableRead]
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<StockGroupResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public IActionResult Get() => Ok(store.Read(s => s.Stock(stock)).Select(StockGroupResponse.From).ToList());
}
