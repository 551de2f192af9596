using Microsoft.AspNetCore.Mvc;
using Raft3D.Node.Api.Problems;
using Raft3D.Node.Api.Routing;
using Raft3D.Node.Store;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.Stock;

namespace Raft3D.Node.Api.Filaments;

/// <summary>Filament spools and their remaining weight.</summary>
[Route("api/v1/filaments")]
public sealed class FilamentsController(IFarmStore store, StockPolicy stock) : FarmControllerBase
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
    [ForwardToLeader(AsCommand = true)]
    [HttpPost]
    [ProducesResponseType<FilamentResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<FilamentResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> Create([FromBody] FilamentCreateRequest request, CancellationToken token)
    {
        var shape = new RequestShape();
        var id = NewId(shape, request.Id);
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

        var command = new CreateFilament(id, type, color, total, request.RemainingWeightInGrams ?? total)
        {
            SpoolWeightInGrams = request.SpoolWeightInGrams,
            LowStockThresholdInGrams = request.LowStockThresholdInGrams,
        };
        return await CreateAsync<FilamentView>(store, command, ToResponse, f => $"/api/v1/filaments/{f.Filament.Id}", token);
    }

    /// <summary>Lists spools, oldest first; archived spools only with <c>?include_archived=true</c>; only low ones with <c>?low_stock=true</c>.</summary>
    /// <remarks>
    /// Linearizable by default; <c>?consistency=local</c> reads this node's state directly. With <c>limit</c> the
    /// list comes in pages: follow the Link rel="next" header. X-Total-Count counts every match.
    /// </remarks>
    /// <param name="includeArchived">Also list archived spools.</param>
    /// <param name="lowStock">true: only spools whose available weight is below their low-stock threshold.</param>
    /// <param name="limit">Page size, 1 to 1000. Without it, the whole list.</param>
    /// <param name="cursor">Where the page starts: copy it from the previous page's Link header.</param>
    /// <response code="400">validation_failed: limit out of range, or a cursor this API did not give.</response>
    [LinearizableRead]
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<FilamentResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public IActionResult List(
        [FromQuery(Name = "include_archived")] bool? includeArchived,
        [FromQuery(Name = "low_stock")] bool? lowStock,
        [FromQuery] int? limit,
        [FromQuery] string? cursor)
    {
        if (!TryReadPage(limit, cursor, out var page, out var problem))
        {
            return problem!;
        }

        var all = includeArchived ?? false;
        var onlyLow = lowStock == true ? stock : null;
        return Ok(PageOf(store.Read(s => s.PageFilaments(all, onlyLow, page.After, page.Limit)), page, ToResponse));
    }

    /// <summary>Gets one spool, archived or not; ETag is its version.</summary>
    /// <response code="404">not_found: no spool has this id.</response>
    [LinearizableRead]
    [HttpGet("{id}")]
    [ProducesResponseType<FilamentResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public IActionResult Get(string id)
        => store.Read(s => s.DescribeFilament(id)) is { } filament
            ? Entity(ToResponse(filament))
            : ProblemResult(ErrorCodes.NotFound, $"Filament '{id}' does not exist.");

    /// <summary>Edits a spool's type, color, empty-spool weight or low-stock threshold (JSON merge patch).</summary>
    /// <remarks>
    /// Send only the fields to change; null clears spool_weight_in_grams or low_stock_threshold_in_grams. Total and
    /// remaining weights cannot be patched: remaining changes only through jobs and the ledger's corrections
    /// (POST .../adjustments, .../measure). With <c>If-Match: "&lt;version&gt;"</c> the edit applies only if nobody
    /// changed the spool since you read it; otherwise 412 and nothing is written.
    /// </remarks>
    /// <response code="200">The spool after the edit; ETag is its new version.</response>
    /// <response code="400">validation_failed: unknown type, blank color, a field that cannot be patched, or a malformed If-Match.</response>
    /// <response code="404">not_found: no spool has this id.</response>
    /// <response code="412">version_mismatch: the spool changed since the version in If-Match.</response>
    [ForwardToLeader(AsCommand = true)]
    [HttpPatch("{id}")]
    [Consumes("application/json", "application/merge-patch+json")]
    [ProducesResponseType<FilamentResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> Patch(string id, [FromBody] FilamentPatchRequest request, CancellationToken token)
    {
        FilamentType? type = null;
        if (request.Type is not null)
        {
            if (!FilamentTypeNames.TryParse(request.Type, out var parsed))
            {
                return ProblemResult(ErrorCodes.ValidationFailed, $"type must be one of {FilamentTypeNames.AllowedList}; got '{request.Type}'.");
            }

            type = parsed;
        }

        var command = new EditFilament(id, type, request.Color?.Trim())
        {
            SpoolWeightInGrams = PatchOf(request.SpoolWeightGiven, request.SpoolWeightInGrams),
            LowStockThresholdInGrams = PatchOf(request.LowStockThresholdGiven, request.LowStockThresholdInGrams),
        };
        return await ExecuteAsync<FilamentView>(store, command, ToResponse, token);
    }

    /// <summary>Archives a spool: it takes no new job, and lists show it only with ?include_archived=true.</summary>
    /// <remarks>
    /// Spools are kept for history, never erased. Refused while Queued or Running jobs hold filament on it.
    /// Archiving again is a no-op (204). Honors If-Match.
    /// </remarks>
    /// <response code="204">Archived (or already archived).</response>
    /// <response code="400">validation_failed: a malformed If-Match.</response>
    /// <response code="404">not_found: no spool has this id.</response>
    /// <response code="409">filament_has_open_jobs: finish, cancel or edit the jobs that use it first.</response>
    /// <response code="412">version_mismatch: the spool changed since the version in If-Match.</response>
    [ForwardToLeader(AsCommand = true)]
    [HttpDelete("{id}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public Task<IActionResult> Delete(string id, CancellationToken token)
        => ExecuteWithoutContentAsync(store, new ArchiveFilament(id), token);

    private static WeightPatch PatchOf(bool given, decimal? value)
        => !given ? WeightPatch.Keep : value is { } grams ? WeightPatch.Set(grams) : WeightPatch.Remove;

    private FilamentResponse ToResponse(FilamentView view) => FilamentResponse.From(view, stock);
}
