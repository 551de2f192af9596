using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Raft3D.Node.Api.Problems;
using Raft3D.Node.Api.Routing;
using Raft3D.Node.Store;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.Node.Api.PrintJobs;

/// <summary>Print jobs: queue them, move them through Running to Done or Canceled.</summary>
[Route("api/v1/print_jobs")]
public sealed class PrintJobsController(IFarmStore store) : FarmControllerBase
{
    /// <summary>Queues a print job.</summary>
    /// <remarks>
    /// The printer and spool must exist, and the spool must have print_weight_in_grams free: its remaining
    /// weight minus what its Queued and Running jobs hold. The check runs in the replicated state machine,
    /// so jobs racing on different nodes can never overbook a spool.
    /// </remarks>
    /// <response code="201">Queued; Location names the job.</response>
    /// <response code="200">A replay of an earlier identical create.</response>
    /// <response code="400">validation_failed: missing field, weight out of range, or a status other than Queued.</response>
    /// <response code="409">unknown_reference (no such printer or spool), insufficient_filament, or duplicate_id.</response>
    /// <response code="503">no_leader, leader_unreachable or commit_timeout: retry with the same id.</response>
    [ForwardToLeader]
    [HttpPost]
    [ProducesResponseType<PrintJobResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<PrintJobResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> Create([FromBody] PrintJobCreateRequest request, CancellationToken token)
    {
        var shape = new RequestShape();
        var id = shape.IdOrNew("id", request.Id);
        var printerId = shape.Required("printer_id", request.PrinterId);
        var filamentId = shape.Required("filament_id", request.FilamentId);
        var filepath = shape.Required("filepath", request.Filepath);
        var grams = shape.Required("print_weight_in_grams", request.PrintWeightInGrams);
        var status = PrintJobStatus.Queued;
        if (request.Status is not null && !PrintJobStatusNames.TryParse(request.Status, out status))
        {
            shape.Add($"status must be one of {PrintJobStatusNames.AllowedList}; got '{request.Status}'.");
        }

        if (!shape.IsValid)
        {
            return FieldProblem(shape.Problems);
        }

        var outcome = await store.ExecuteAsync(new CreatePrintJob(id, printerId, filamentId, filepath, grams, status), token);
        return FromOutcome<PrintJobView>(outcome, PrintJobResponse.From, j => $"/api/v1/print_jobs/{j.Job.Id}");
    }

    /// <summary>Lists print jobs, oldest first, optionally filtered.</summary>
    /// <param name="status">Only jobs in this status (any case).</param>
    /// <param name="printerId">Only jobs for this printer.</param>
    /// <param name="filamentId">Only jobs using this spool.</param>
    /// <response code="400">validation_failed: unknown status.</response>
    [LinearizableRead]
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<PrintJobResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public IActionResult List(
        [FromQuery] string? status,
        [FromQuery(Name = "printer_id")] string? printerId,
        [FromQuery(Name = "filament_id")] string? filamentId)
    {
        PrintJobStatus? wanted = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!PrintJobStatusNames.TryParse(status, out var parsed))
            {
                return ProblemResult(ErrorCodes.ValidationFailed, $"status must be one of {PrintJobStatusNames.AllowedList}; got '{status}'.");
            }

            wanted = parsed;
        }

        var jobs = store.Read(s => s.PagePrintJobs(new PrintJobFilter(wanted, NullIfBlank(printerId), NullIfBlank(filamentId)), -1, int.MaxValue)).Items;
        return Ok(jobs.Select(PrintJobResponse.From).ToList());
    }

    /// <summary>Gets one print job.</summary>
    /// <response code="404">not_found: no job has this id.</response>
    [LinearizableRead]
    [HttpGet("{id}")]
    [ProducesResponseType<PrintJobResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public IActionResult Get(string id)
        => store.Read(s => s.DescribePrintJob(id)) is { } job
            ? Ok(PrintJobResponse.From(job))
            : ProblemResult(ErrorCodes.NotFound, $"Print job '{id}' does not exist.");

    /// <summary>Moves a job to a new status.</summary>
    /// <remarks>
    /// Give the status as <c>?status=Running</c> or as a JSON body <c>{"status": "Running"}</c>; any case, and
    /// Cancelled is read as Canceled. Allowed: Queued→Running, Queued→Canceled, Running→Done, Running→Canceled.
    /// Asking for the status the job already has is a no-op (200). Done subtracts the job's weight from its spool.
    /// A printer runs one job at a time.
    /// </remarks>
    /// <param name="id">The job's id.</param>
    /// <param name="status">The new status, if not given in the body.</param>
    /// <param name="body">The new status, if not given in the query.</param>
    /// <param name="token">Request cancellation.</param>
    /// <response code="200">The job after the change (or unchanged, if it already had that status).</response>
    /// <response code="400">validation_failed: no status, an unknown one, or query and body disagree.</response>
    /// <response code="404">not_found: no job has this id.</response>
    /// <response code="409">invalid_transition (names the current status) or printer_busy.</response>
    /// <response code="503">no_leader, leader_unreachable or commit_timeout: retry; a repeat is a no-op.</response>
    [ForwardToLeader]
    [HttpPost("{id}/status")]
    [HttpPatch("{id}/status")]
    [ProducesResponseType<PrintJobResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> ChangeStatus(
        string id,
        [FromQuery] string? status,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] PrintJobStatusRequest? body,
        CancellationToken token)
    {
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

        var outcome = await store.ExecuteAsync(new ChangePrintJobStatus(id, target), token);
        return FromOutcome<PrintJobView>(outcome, PrintJobResponse.From, j => $"/api/v1/print_jobs/{j.Job.Id}");
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
