using Microsoft.AspNetCore.Mvc;
using Raft3D.Node.Api.Problems;
using Raft3D.Node.Api.Routing;
using Raft3D.Node.Store;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Api.Filaments;

/// <summary>Filament spools and their remaining weight.</summary>
[Route("api/v1/filaments")]
public sealed class FilamentsController(IFarmStore store) : FarmControllerBase
{
    /// <summary>Registers a spool.</summary>
    /// <remarks>
    /// remaining_weight_in_grams defaults to total_weight_in_grams. Weights are exact decimals (no float drift).
    /// Re-sending the same id with the same body is a safe replay (200).
    /// </remarks>
    /// <response code="201">Created; Location names the new spool.</response>
    /// <response code="200">A replay of an earlier identical create.</response>
    /// <response code="400">validation_failed: unknown type, blank color, weight out of range, remaining above total.</response>
    /// <response code="409">duplicate_id: the id belongs to a different spool.</response>
    /// <response code="503">no_leader, leader_unreachable or commit_timeout: retry with the same id.</response>
    [ForwardToLeader]
    [HttpPost]
    [ProducesResponseType<FilamentResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<FilamentResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> Create([FromBody] FilamentCreateRequest request, CancellationToken token)
    {
        var shape = new RequestShape();
        var id = shape.IdOrNew("id", request.Id);
        var typeText = shape.Required("type", request.Type);
        if (!FilamentTypeNames.TryParse(typeText, out var type) && typeText.Length > 0)
        {
            shape.Add($"type must be one of {FilamentTypeNames.AllowedList}; got '{typeText}'.");
        }

        var color = shape.Required("color", request.Color);
        var total = shape.Required("total_weight_in_grams", request.TotalWeightInGrams);
        if (!shape.IsValid)
        {
            return FieldProblem(shape.Problems);
        }

        var command = new CreateFilament(id, type, color, total, request.RemainingWeightInGrams ?? total);
        var outcome = await store.ExecuteAsync(command, token);
        return FromOutcome<Filament>(outcome, FilamentResponse.From, f => $"/api/v1/filaments/{f.Id}");
    }

    /// <summary>Lists all spools, oldest first.</summary>
    /// <remarks>Linearizable by default; <c>?consistency=local</c> reads this node's state directly.</remarks>
    [LinearizableRead]
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<FilamentResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public IReadOnlyList<FilamentResponse> List()
        => store.Read(static s => s.ListFilaments()).Select(FilamentResponse.From).ToList();

    /// <summary>Gets one spool.</summary>
    /// <response code="404">not_found: no spool has this id.</response>
    [LinearizableRead]
    [HttpGet("{id}")]
    [ProducesResponseType<FilamentResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public IActionResult Get(string id)
        => store.Read(s => s.FindFilament(id)) is { } filament
            ? Ok(FilamentResponse.From(filament))
            : ProblemResult(ErrorCodes.NotFound, $"Filament '{id}' does not exist.");
}
