using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Raft3D.Node.Api.Problems;
using Raft3D.Node.Api.Routing;
using Raft3D.Node.Store;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.Node.Api.PrintJobs;

/// <summary>What happens to a job once queued: its status, its printer, its progress, and the history of its status.</summary>
[Route("api/v1/print_jobs/{id}")]
public sealed class PrintJobOperationsController(IFarmStore store) : FarmControllerBase
{
    /// <summary>Moves a job to a new status.</summary>
    /// <remarks>
    /// Give the status as <c>?status=Running</c> or as a JSON body <c>{"status": "Running"}</c>; any case, and
    /// Cancelled is read as Canceled. Allowed: Queued→Running, Queued→Canceled, Running→Done, Running→Canceled.
    /// Asking for the status the job already has is a no-op (200). Done subtracts the job's weight from its spool,
    /// or <c>actual_weight_in_grams</c> (query or body) when the print used more or less than planned; Done again
    /// with another actual weight is refused (invalid_transition): correct the spool with an adjustment instead.
    /// A printer runs one job at a time; Running is refused for a job with no printer (job_unassigned), on a printer
    /// in maintenance, or when the spool no longer holds the job's weight. Honors If-Match (the job's version).
    /// </remarks>
    /// <param name="id">The job's id.</param>
    /// <param name="status">The new status, if not given in the body.</param>
    /// <param name="actualWeight">With Done: the grams the print really used, if not given in the body.</param>
    /// <param name="body">The new status (and actual weight), if not given in the query.</param>
    /// <param name="token">Request cancellation.</param>
    /// <response code="200">The job after the change (or unchanged, if it already had that status).</response>
    /// <response code="400">validation_failed: no status, an unknown one, query and body disagree, or actual_weight_in_grams with a status other than Done.</response>
    /// <response code="404">not_found: no job has this id.</response>
    /// <response code="409">invalid_transition (names the current status), printer_busy, printer_in_maintenance, job_unassigned, filament_archived or insufficient_filament.</response>
    /// <response code="412">version_mismatch: the job changed since the version in If-Match.</response>
    /// <response code="503">no_leader, leader_unreachable or commit_timeout: retry; a repeat is a no-op.</response>
    [ForwardToLeader(AsCommand = true)]
    [HttpPost("status")]
    [HttpPatch("status")]
    [ProducesResponseType<PrintJobResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> ChangeStatus(
        string id,
        [FromQuery] string? status,
        [FromQuery(Name = "actual_weight_in_grams")] decimal? actualWeight,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] PrintJobStatusRequest? body,
        CancellationToken token)
    {
        if (actualWeight is not null && body?.ActualWeightInGrams is not null && actualWeight != body.ActualWeightInGrams)
        {
            return ProblemResult(ErrorCodes.ValidationFailed, $"The query says actual_weight_in_grams {actualWeight} but the body says {body.ActualWeightInGrams}; give one.");
        }

        var fromQuery = NullIfBlank(status);
        var fromBody = NullIfBlank(body?.Status);
        if (fromQuery is not null && fromBody is not null && !string.Equals(fromQuery, fromBody, StringComparison.OrdinalIgnoreCase))
        {
            return ProblemResult(ErrorCodes.ValidationFailed, $"The query says status '{fromQuery}' but the body says '{fromBody}'; give one.");
        }

        var text = fromQuery ?? fromBody;
        if (text is null)
        {
            return ProblemResult(ErrorCodes.ValidationFailed, "status is required, as ?status=Running or as a JSON body {\"status\": \"Running\"}.");
        }

        if (!PrintJobStatusNames.TryParse(text, out var target))
        {
            return ProblemResult(ErrorCodes.ValidationFailed, $"status must be one of {PrintJobStatusNames.AllowedList}; got '{text}'.");
        }

        var command = new ChangePrintJobStatus(id, target) { ActualWeightInGrams = actualWeight ?? body?.ActualWeightInGrams };
        return await ExecuteAsync<PrintJobView>(store, command, PrintJobResponse.From, token);
    }

    /// <summary>Puts a Queued job in a printer's queue, at its tail.</summary>
    /// <remarks>
    /// From the unassigned queue or from another printer's. Assigning it to the printer it is already on is a
    /// no-op that keeps its place. Honors If-Match (the job's version).
    /// </remarks>
    /// <response code="200">The job, with its printer_id and queue_position.</response>
    /// <response code="400">validation_failed: printer_id missing.</response>
    /// <response code="404">not_found: no job has this id.</response>
    /// <response code="409">unknown_reference (no such printer, or deleted), printer_in_maintenance, or job_not_queued.</response>
    /// <response code="412">version_mismatch: the job changed since the version in If-Match.</response>
    [ForwardToLeader(AsCommand = true)]
    [HttpPost("assign")]
    [ProducesResponseType<PrintJobResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> Assign(string id, [FromBody] PrintJobAssignRequest request, CancellationToken token)
    {
        var shape = new RequestShape();
        var printerId = shape.Required("printer_id", request.PrinterId);
        return shape.IsValid
            ? await ExecuteAsync<PrintJobView>(store, new AssignPrintJob(id, printerId), PrintJobResponse.From, token)
            : FieldProblem(shape.Problems);
    }

    /// <summary>Reports how far a Running job is.</summary>
    /// <remarks>
    /// Progress never goes back: a value at or below the current one is a no-op (200), so a late or retried
    /// report cannot undo a newer one. Done sets 100.
    /// </remarks>
    /// <response code="200">The job, with its progress_percent.</response>
    /// <response code="400">validation_failed: percent missing or outside 0 to 100.</response>
    /// <response code="404">not_found: no job has this id.</response>
    /// <response code="409">job_not_running.</response>
    /// <response code="412">version_mismatch: the job changed since the version in If-Match.</response>
    [ForwardToLeader(AsCommand = true)]
    [HttpPost("progress")]
    [ProducesResponseType<PrintJobResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> Progress(string id, [FromBody] PrintJobProgressRequest request, CancellationToken token)
        => request.Percent is { } percent
            ? await ExecuteAsync<PrintJobView>(store, new ReportPrintJobProgress(id, percent), PrintJobResponse.From, token)
            : ProblemResult(ErrorCodes.ValidationFailed, "percent is required: a whole number from 0 to 100.");

    /// <summary>Lists the statuses a job took, oldest first, each with when and at which log index.</summary>
    /// <remarks>
    /// Queued, then Running if it started, then Done or Canceled if it ended. The times are the ones the leader
    /// stamped on each change, the same on every node.
    /// </remarks>
    /// <param name="id">The job's id.</param>
    /// <response code="404">not_found: no job has this id.</response>
    [LinearizableRead]
    [HttpGet("history")]
    [ProducesResponseType<IReadOnlyList<PrintJobHistoryEntryResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public IActionResult History(string id)
        => store.Read(s => s.FindPrintJob(id)) is { } job
            ? Ok(PrintJobHistory.Of(job).Select(PrintJobHistoryEntryResponse.From).ToList())
            : ProblemResult(ErrorCodes.NotFound, $"Print job '{id}' does not exist.");
}
