using Microsoft.AspNetCore.Mvc;
using Raft3D.Node.Api.Problems;
using Raft3D.Node.Api.Routing;
using Raft3D.Node.Store;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.Stock;

namespace Raft3D.Node.Api.Filaments;

/// <summary>A spool's ledger: every change to its remaining weight, the corrections that add to it, and the check that it adds up.</summary>
[Route("api/v1/filaments/{id}")]
public sealed class FilamentLedgerController(IFarmStore store, StockPolicy stock) : FarmControllerBase
{
    /// <summary>Corrects a spool's remaining weight by a number of grams (an adjust entry in its ledger).</summary>
    /// <remarks>
    /// A correction is a new ledger entry, never an edit of an old one: <c>{"grams": -12.5, "reason": "spilled"}</c>
    /// takes 12.5 g, a positive number adds. Remaining may not go below 0 or above the spool's total. Works on
    /// archived spools too (a recount of what is on the shelf). Honors If-Match (the spool's version); send an
    /// Idempotency-Key to make a retry safe: without one, a retry of a lost answer corrects twice.
    /// </remarks>
    /// <param name="id">The spool's id.</param>
    /// <param name="request">The grams and, if you like, why.</param>
    /// <param name="token">Request cancellation.</param>
    /// <response code="200">The spool after the correction; ETag is its new version.</response>
    /// <response code="400">validation_failed: grams missing or 0, more than a tonne, a reason over 500 characters, an unknown field, or a malformed If-Match or Idempotency-Key.</response>
    /// <response code="404">not_found: no spool has this id.</response>
    /// <response code="409">weight_out_of_range: remaining would go below 0 or above total.</response>
    /// <response code="412">version_mismatch: the spool changed since the version in If-Match.</response>
    /// <response code="422">idempotency_key_reused: the Idempotency-Key was used for a different request.</response>
    /// <response code="503">no_leader, leader_unreachable or commit_timeout: retry with the same Idempotency-Key.</response>
    [ForwardToLeader(AsCommand = true)]
    [HttpPost("adjustments")]
    [ProducesResponseType<FilamentResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> Adjust(string id, [FromBody] FilamentAdjustmentRequest request, CancellationToken token)
    {
        var shape = new RequestShape();
        var grams = shape.Required("grams", request.Grams);
        return shape.IsValid
            ? await ExecuteAsync<FilamentView>(store, new AdjustFilament(id, grams, NullIfBlank(request.Reason)), ToResponse, token)
            : FieldProblem(shape.Problems);
    }

    /// <summary>Sets a spool's remaining weight from a scale reading (a measure entry in its ledger).</summary>
    /// <remarks>
    /// Remaining becomes <c>gross_weight_in_grams</c> less the empty spool's weight: <c>spool_weight_in_grams</c>
    /// from the body, else the one stored on the spool (PATCH it once). The ledger entry is the difference to
    /// what was recorded, 0 g when they agree: it still says the spool was checked, and when. Honors If-Match;
    /// send an Idempotency-Key to make a retry safe.
    /// </remarks>
    /// <param name="id">The spool's id.</param>
    /// <param name="request">The reading and, if the spool has none stored, the empty spool's weight.</param>
    /// <param name="token">Request cancellation.</param>
    /// <response code="200">The spool after the reading; ETag is its new version.</response>
    /// <response code="400">validation_failed: gross_weight_in_grams missing, a negative weight, a reason over 500 characters, an unknown field, or a malformed If-Match or Idempotency-Key.</response>
    /// <response code="404">not_found: no spool has this id.</response>
    /// <response code="409">spool_weight_unknown (neither the body nor the spool gives the empty spool's weight), or weight_out_of_range (the reading puts remaining below 0 or above total).</response>
    /// <response code="412">version_mismatch: the spool changed since the version in If-Match.</response>
    /// <response code="422">idempotency_key_reused: the Idempotency-Key was used for a different request.</response>
    /// <response code="503">no_leader, leader_unreachable or commit_timeout: retry with the same Idempotency-Key.</response>
    [ForwardToLeader(AsCommand = true)]
    [HttpPost("measure")]
    [ProducesResponseType<FilamentResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> Measure(string id, [FromBody] FilamentMeasurementRequest request, CancellationToken token)
    {
        var shape = new RequestShape();
        var gross = shape.Required("gross_weight_in_grams", request.GrossWeightInGrams);
        return shape.IsValid
            ? await ExecuteAsync<FilamentView>(store, new MeasureFilament(id, gross, request.SpoolWeightInGrams, NullIfBlank(request.Reason)), ToResponse, token)
            : FieldProblem(shape.Problems);
    }

    /// <summary>Lists a spool's ledger, newest first: every change to its remaining weight, with why and when.</summary>
    /// <remarks>
    /// The entries sum to the spool's remaining weight. With <c>limit</c> the ledger comes in pages: follow the
    /// Link rel="next" header to older entries. A cursor names an entry, and entries are only ever appended, so
    /// paging stays stable while the spool is used. X-Total-Count counts every entry. Archived spools keep their ledger.
    /// </remarks>
    /// <param name="id">The spool's id.</param>
    /// <param name="limit">Page size, 1 to 1000. Without it, the whole ledger.</param>
    /// <param name="cursor">Where the page starts: copy it from the previous page's Link header.</param>
    /// <response code="400">validation_failed: limit out of range, or a cursor this API did not give.</response>
    /// <response code="404">not_found: no spool has this id.</response>
    [LinearizableRead]
    [HttpGet("ledger")]
    [ProducesResponseType<IReadOnlyList<LedgerEntryResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public IActionResult Ledger(string id, [FromQuery] int? limit, [FromQuery] string? cursor)
    {
        if (!TryReadPage(limit, cursor, out var page, out var problem))
        {
            return problem!;
        }

        // The ledger pages backwards: the cursor's position is the sequence the next page starts below.
        var ledger = store.Read(s => s.FindFilament(id) is null ? null : s.PageLedger(id, page.After, page.Limit));
        return ledger is null
            ? ProblemResult(ErrorCodes.NotFound, $"Filament '{id}' does not exist.")
            : Ok(PageOf(ledger, page, LedgerEntryResponse.From));
    }

    /// <summary>Checks a spool: remaining against the sum of its ledger, reserved against its open jobs.</summary>
    /// <remarks>
    /// Recomputed from scratch on this node, at the log index it reports. 200 either way: <c>ok</c> is false and
    /// <c>problems</c> says where the numbers differ when they do (which would be a bug worth reporting).
    /// </remarks>
    /// <param name="id">The spool's id.</param>
    /// <response code="200">The check; look at ok.</response>
    /// <response code="404">not_found: no spool has this id.</response>
    [LinearizableRead]
    [HttpGet("verify")]
    [ProducesResponseType<FilamentVerificationResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public IActionResult Verify(string id)
        => store.Read(s => s.Verify(id)) is { } verification
            ? Ok(FilamentVerificationResponse.From(verification))
            : ProblemResult(ErrorCodes.NotFound, $"Filament '{id}' does not exist.");

    private FilamentResponse ToResponse(FilamentView view) => FilamentResponse.From(view, stock);
}
