using Microsoft.AspNetCore.Mvc;
using Raft3D.Node.Api.Problems;
using Raft3D.Node.Api.Routing;
using Raft3D.Node.Store;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.Printers;

namespace Raft3D.Node.Api.Printers;

/// <summary>The farm's printers: register, list, edit, retire.</summary>
[Route("api/v1/printers")]
public sealed class PrintersController(IFarmStore store) : FarmControllerBase
{
    /// <summary>Registers a printer.</summary>
    /// <remarks>
    /// Any node accepts the write; followers forward it to the leader. Re-sending the same id with the same
    /// company and model is a safe replay (200, same printer); the same id with other details is 409 duplicate_id.
    /// </remarks>
    /// <response code="201">Created; Location names the new printer; ETag is its version.</response>
    /// <response code="200">A replay of an earlier identical create.</response>
    /// <response code="400">validation_failed: a field is missing, blank or too long, or the id has other characters.</response>
    /// <response code="409">duplicate_id: the id belongs to a different printer, or to a deleted one (ids are not reused).</response>
    /// <response code="503">no_leader, leader_unreachable or commit_timeout: retry with the same id.</response>
    [ForwardToLeader(AsCommand = true)]
    [HttpPost]
    [ProducesResponseType<PrinterResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<PrinterResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> Create([FromBody] PrinterCreateRequest request, CancellationToken token)
    {
        var shape = new RequestShape();
        var command = new CreatePrinter(
            NewId(shape, request.Id),
            shape.Required("company", request.Company),
            shape.Required("model", request.Model));
        if (!shape.IsValid)
        {
            return FieldProblem(shape.Problems);
        }

        return await CreateAsync<PrinterView>(store, command, PrinterResponse.From, p => $"/api/v1/printers/{p.Printer.Id}", token);
    }

    /// <summary>Lists printers, oldest first; deleted printers are not listed.</summary>
    /// <remarks>
    /// Linearizable by default; add <c>?consistency=local</c> to read this node's state without asking the leader.
    /// With <c>limit</c> the list comes in pages: follow the Link rel="next" header. X-Total-Count counts every match.
    /// </remarks>
    /// <param name="state">Only printers in this state: Idle, Printing or Maintenance (any case).</param>
    /// <param name="limit">Page size, 1 to 1000. Without it, the whole list.</param>
    /// <param name="cursor">Where the page starts: copy it from the previous page's Link header.</param>
    /// <response code="400">validation_failed: unknown state, limit out of range, or a cursor this API did not give.</response>
    [LinearizableRead]
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<PrinterResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public IActionResult List([FromQuery] string? state, [FromQuery] int? limit, [FromQuery] string? cursor)
    {
        PrinterState? wanted = null;
        if (NullIfBlank(state) is { } text)
        {
            if (!PrinterStateNames.TryParse(text, out var parsed))
            {
                return ProblemResult(ErrorCodes.ValidationFailed, $"state must be one of {PrinterStateNames.AllowedList}; got '{text}'.");
            }

            wanted = parsed;
        }

        if (!TryReadPage(limit, cursor, out var page, out var problem))
        {
            return problem!;
        }

        return Ok(PageOf(store.Read(s => s.PagePrinters(wanted, page.After, page.Limit)), page, PrinterResponse.From));
    }

    /// <summary>Gets one printer, with its state, queue length and workload; ETag is its version.</summary>
    /// <response code="404">not_found: no printer has this id, or it was deleted.</response>
    [LinearizableRead]
    [HttpGet("{id}")]
    [ProducesResponseType<PrinterResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public IActionResult Get(string id)
        => store.Read(s => s.DescribePrinter(id)) is { } printer
            ? Entity(PrinterResponse.From(printer))
            : ProblemResult(ErrorCodes.NotFound, $"Printer '{id}' does not exist.");

    /// <summary>Edits a printer's company or model (JSON merge patch).</summary>
    /// <remarks>
    /// Send only the fields to change. With <c>If-Match: "&lt;version&gt;"</c> the edit applies only if nobody
    /// changed the printer since you read it; otherwise 412 and nothing is written. Editing to the same values is a no-op.
    /// </remarks>
    /// <response code="200">The printer after the edit; ETag is its new version.</response>
    /// <response code="400">validation_failed: a blank or too long value, a field that cannot be patched, or a malformed If-Match.</response>
    /// <response code="404">not_found: no printer has this id.</response>
    /// <response code="412">version_mismatch: the printer changed since the version in If-Match.</response>
    [ForwardToLeader(AsCommand = true)]
    [HttpPatch("{id}")]
    [Consumes("application/json", "application/merge-patch+json")]
    [ProducesResponseType<PrinterResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public Task<IActionResult> Patch(string id, [FromBody] PrinterPatchRequest request, CancellationToken token)
        => ExecuteAsync<PrinterView>(store, new EditPrinter(id, request.Company?.Trim(), request.Model?.Trim()), PrinterResponse.From, token);

    /// <summary>Deletes a printer that has no Queued or Running job.</summary>
    /// <remarks>
    /// It disappears from lists and GET answers 404; its past jobs keep its id, which is never given to another
    /// printer. Deleting it again is a no-op (204). Honors If-Match.
    /// </remarks>
    /// <response code="204">Deleted (or already deleted).</response>
    /// <response code="400">validation_failed: a malformed If-Match.</response>
    /// <response code="404">not_found: no printer has this id.</response>
    /// <response code="409">printer_has_open_jobs: cancel or reassign its queued and running jobs first.</response>
    /// <response code="412">version_mismatch: the printer changed since the version in If-Match.</response>
    [ForwardToLeader(AsCommand = true)]
    [HttpDelete("{id}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public Task<IActionResult> Delete(string id, CancellationToken token)
        => ExecuteWithoutContentAsync(store, new DeletePrinter(id), token);
}
