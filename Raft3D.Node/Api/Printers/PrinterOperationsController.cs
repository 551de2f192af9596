using Microsoft.AspNetCore.Mvc;
using Raft3D.Node.Api.PrintJobs;
using Raft3D.Node.Api.Routing;
using Raft3D.Node.Store;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Printers;
using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.Node.Api.Printers;

/// <summary>What an operator does to a printer: take it out of service and back, start the next job in its queue.</summary>
[Route("api/v1/printers/{id}")]
public sealed class PrinterOperationsController(IFarmStore store) : FarmControllerBase
{
    /// <summary>Puts a printer in maintenance: it starts no job until maintenance ends.</summary>
    /// <remarks>Its queue stays as it is. Refused while it prints. Asking again is a no-op. Honors If-Match.</remarks>
    /// <response code="200">The printer, now in state Maintenance.</response>
    /// <response code="400">validation_failed: a malformed If-Match.</response>
    /// <response code="404">not_found: no printer has this id.</response>
    /// <response code="409">printer_busy: it is printing; finish or cancel the job first.</response>
    /// <response code="412">version_mismatch: the printer changed since the version in If-Match.</response>
    [ForwardToLeader(AsCommand = true)]
    [HttpPost("maintenance")]
    [ProducesResponseType<PrinterResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public Task<IActionResult> StartMaintenance(string id, CancellationToken token)
        => SetMaintenanceAsync(id, inMaintenance: true, token);

    /// <summary>Ends a printer's maintenance: it may start jobs again.</summary>
    /// <response code="200">The printer, back to Idle.</response>
    /// <response code="400">validation_failed: a malformed If-Match.</response>
    /// <response code="404">not_found: no printer has this id.</response>
    /// <response code="412">version_mismatch: the printer changed since the version in If-Match.</response>
    [ForwardToLeader(AsCommand = true)]
    [HttpDelete("maintenance")]
    [ProducesResponseType<PrinterResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public Task<IActionResult> EndMaintenance(string id, CancellationToken token)
        => SetMaintenanceAsync(id, inMaintenance: false, token);

    /// <summary>Starts the job at the head of the printer's queue.</summary>
    /// <remarks>
    /// One replicated command: two operators, or two nodes, dispatching the same printer at once start exactly
    /// one job; the other gets 409 printer_busy. The job's spool is checked again at the start. If-Match names
    /// the printer's version.
    /// </remarks>
    /// <response code="200">The job it started, now Running.</response>
    /// <response code="400">validation_failed: a malformed If-Match.</response>
    /// <response code="404">not_found: no printer has this id.</response>
    /// <response code="409">printer_busy, printer_in_maintenance, queue_empty, or the head job's spool cannot feed it (filament_archived, insufficient_filament).</response>
    /// <response code="412">version_mismatch: the printer changed since the version in If-Match.</response>
    [ForwardToLeader(AsCommand = true)]
    [HttpPost("dispatch")]
    [ProducesResponseType<PrintJobResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public Task<IActionResult> Dispatch(string id, CancellationToken token)
        => ExecuteAsync<PrintJobView>(store, new DispatchPrinter(id), PrintJobResponse.From, token);

    private Task<IActionResult> SetMaintenanceAsync(string id, bool inMaintenance, CancellationToken token)
        => ExecuteAsync<PrinterView>(store, new SetPrinterMaintenance(id, inMaintenance), PrinterResponse.From, token);
}
