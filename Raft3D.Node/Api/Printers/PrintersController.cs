using Microsoft.AspNetCore.Mvc;
using Raft3D.Node.Api.Problems;
using Raft3D.Node.Api.Routing;
using Raft3D.Node.Store;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.Printers;

namespace Raft3D.Node.Api.Printers;

/// <summary>The farm's printers.</summary>
[Route("api/v1/printers")]
public sealed class PrintersController(IFarmStore store) : FarmControllerBase
{
    /// <summary>Registers a printer.</summary>
    /// <remarks>
    /// Any node accepts the write; followers forward it to the leader. Re-sending the same id with the same
    /// company and model is a safe replay (200, same printer); the same id with other details is 409 duplicate_id.
    /// </remarks>
    /// <response code="201">Created; Location names the new printer.</response>
    /// <response code="200">A replay of an earlier identical create.</response>
    /// <response code="400">validation_failed: a field is missing, blank or too long, or the id has other characters.</response>
    /// <response code="409">duplicate_id: the id belongs to a different printer.</response>
    /// <response code="503">no_leader, leader_unreachable or commit_timeout: retry with the same id.</response>
    [ForwardToLeader]
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
            shape.IdOrNew("id", request.Id),
            shape.Required("company", request.Company),
            shape.Required("model", request.Model));
        if (!shape.IsValid)
        {
            return FieldProblem(shape.Problems);
        }

        var outcome = await store.ExecuteAsync(command, token);
        return FromOutcome<PrinterView>(outcome, PrinterResponse.From, p => $"/api/v1/printers/{p.Printer.Id}");
    }

    /// <summary>Lists all printers, oldest first.</summary>
    /// <remarks>Linearizable by default; add <c>?consistency=local</c> to read this node's state without asking the leader.</remarks>
    [LinearizableRead]
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<PrinterResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public IReadOnlyList<PrinterResponse> List()
        => store.Read(static s => s.PagePrinters(null, -1, int.MaxValue)).Items.Select(PrinterResponse.From).ToList();

    /// <summary>Gets one printer.</summary>
    /// <response code="404">not_found: no printer has this id.</response>
    [LinearizableRead]
    [HttpGet("{id}")]
    [ProducesResponseType<PrinterResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public IActionResult Get(string id)
        => store.Read(s => s.DescribePrinter(id)) is { } printer
            ? Ok(PrinterResponse.From(printer))
            : ProblemResult(ErrorCodes.NotFound, $"Printer '{id}' does not exist.");
}
