using Microsoft.AspNetCore.Mvc;
using Raft3D.Node.Api.Problems;
using Raft3D.Node.Api.Routing;
using Raft3D.Node.Store;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.Node.Api.PrintJobs;

/// <summary>Print jobs: queue them, list them, edit them while they wait.</summary>
[Route("api/v1/print_jobs")]
public sealed class PrintJobsController(IFarmStore store) : FarmControllerBase
{
    /// <summary>Queues a print job.</summary>
    /// <remarks>
    /// The spool must exist, not be archived, and have print_weight_in_grams free: its remaining weight minus what
    /// its Queued and Running jobs hold. The check runs in the replicated state machine, so jobs racing on
    /// different nodes can never overbook a spool. With printer_id the job joins the tail of that printer's queue;
    /// without it, the farm's unassigned queue (assign it later). Its weight is reserved on the spool either way.
    /// </remarks>
    /// <response code="201">Queued; Location names the job.</response>
    /// <response code="200">A replay of an earlier identical create.</response>
    /// <response code="400">validation_failed: missing field, weight out of range, or a status other than Queued.</response>
    /// <response code="409">unknown_reference (no such printer or spool), insufficient_filament, filament_archived, or duplicate_id.</response>
    /// <response code="503">no_leader, leader_unreachable or commit_timeout: retry with the same id.</response>
    [ForwardToLeader(AsCommand = true)]
    [HttpPost]
    [ProducesResponseType<PrintJobResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<PrintJobResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public async Task<IActionResult> Create([FromBody] PrintJobCreateRequest request, CancellationToken token)
    {
        var shape = new RequestShape();
        var id = NewId(shape, request.Id);
        var printerId = request.PrinterId is null ? null : shape.Required("printer_id", request.PrinterId);
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

        var command = new CreatePrintJob(id, printerId, filamentId, filepath, grams, status);
        return await CreateAsync<PrintJobView>(store, command, PrintJobResponse.From, j => $"/api/v1/print_jobs/{j.Job.Id}", token);
    }

    /// <summary>Lists print jobs, oldest first, optionally filtered.</summary>
    /// <remarks>
    /// With <c>limit</c> the list comes in pages: follow the Link rel="next" header. X-Total-Count counts every
    /// match. A printer's queue in order: <c>?printer_id=X&amp;status=Queued</c>, each job with its queue_position.
    /// </remarks>
    /// <param name="status">Only jobs in this status (any case).</param>
    /// <param name="printerId">Only jobs for this printer.</param>
    /// <param name="filamentId">Only jobs using this spool.</param>
    /// <param name="unassigned">true: only jobs with no printer (the unassigned queue and any canceled there).</param>
    /// <param name="limit">Page size, 1 to 1000. Without it, the whole list.</param>
    /// <param name="cursor">Where the page starts: copy it from the previous page's Link header.</param>
    /// <response code="400">validation_failed: unknown status, limit out of range, or a cursor this API did not give.</response>
    [LinearizableRead]
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<PrintJobResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public IActionResult List(
        [FromQuery] string? status,
        [FromQuery(Name = "printer_id")] string? printerId,
        [FromQuery(Name = "filament_id")] string? filamentId,
        [FromQuery] bool? unassigned,
        [FromQuery] int? limit,
        [FromQuery] string? cursor)
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

        if (!TryReadPage(limit, cursor, out var page, out var problem))
        {
            return problem!;
        }

        var filter = new PrintJobFilter(wanted, NullIfBlank(printerId), NullIfBlank(filamentId), unassigned ?? false);
        return Ok(PageOf(store.Read(s => s.PagePrintJobs(filter, page.After, page.Limit)), page, PrintJobResponse.From));
    }

    /// <summary>Gets one print job, with its queue position and progress; ETag is its version.</summary>
    /// <response code="404">not_found: no job has this id.</response>
    [LinearizableRead]
    [HttpGet("{id}")]
    [ProducesResponseType<PrintJobResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public IActionResult Get(string id)
        => store.Read(s => s.DescribePrintJob(id)) is { } job
            ? Entity(PrintJobResponse.From(job))
            : ProblemResult(ErrorCodes.NotFound, $"Print job '{id}' does not exist.");

    /// <summary>Edits a Queued job's file or weight (JSON merge patch).</summary>
    /// <remarks>
    /// Send only the fields to change. The spool's reservation follows the new weight, and the edit is refused if
    /// the spool cannot cover it. With <c>If-Match: "&lt;version&gt;"</c> the edit applies only if nobody changed the
    /// job since you read it; otherwise 412 and nothing is written.
    /// </remarks>
    /// <response code="200">The job after the edit; ETag is its new version.</response>
    /// <response code="400">validation_failed: a blank filepath, a weight out of range, a field that cannot be patched, or a malformed If-Match.</response>
    /// <response code="404">not_found: no job has this id.</response>
    /// <response code="409">job_not_queued (it started or ended), or insufficient_filament.</response>
    /// <response code="412">version_mismatch: the job changed since the version in If-Match.</response>
    [ForwardToLeader(AsCommand = true)]
    [HttpPatch("{id}")]
    [Consumes("application/json", "application/merge-patch+json")]
    [ProducesResponseType<PrintJobResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public Task<IActionResult> Patch(string id, [FromBody] PrintJobPatchRequest request, CancellationToken token)
        => ExecuteAsync<PrintJobView>(store, new EditPrintJob(id, request.Filepath?.Trim(), request.PrintWeightInGrams), PrintJobResponse.From, token);
}
