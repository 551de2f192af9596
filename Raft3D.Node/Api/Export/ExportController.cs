using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Raft3D.Node.Api.Filaments;
using Raft3D.Node.Api.PrintJobs;
using Raft3D.Node.Api.Routing;
using Raft3D.Node.Store;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.PrintJobs;
using Raft3D.StateMachine.Stock;

namespace Raft3D.Node.Api.Export;

/// <summary>The farm's spools, jobs or ledgers as one file, consistent at one log index.</summary>
[Route("api/v1/export")]
public sealed class ExportController(IFarmStore store, StockPolicy stock, IOptions<JsonOptions> json) : FarmControllerBase
{
    /// <summary>The log index the export was read at.</summary>
    public const string IndexHeader = "X-Raft3D-Export-Index";

    /// <summary>Exports every spool, every job, or every spool's ledger, as JSON or CSV.</summary>
    /// <remarks>
    /// The whole export is what the farm held at one log index, given in the X-Raft3D-Export-Index header and in
    /// the file name (Content-Disposition: attachment; filename="raft3d-&lt;kind&gt;-&lt;index&gt;.&lt;format&gt;"):
    /// writes that land while it streams are not in it. Archived spools and finished jobs are included.
    /// JSON is an array of the objects the API returns (for the ledger, GET .../ledger's entries); CSV has a
    /// header row and one column per JSON field, RFC 4180 quoting, numbers in the invariant culture. Streamed:
    /// the node never holds the output in memory.
    /// </remarks>
    /// <param name="format">json (the default) or csv.</param>
    /// <param name="kind">filaments (the default), print_jobs or ledger.</param>
    /// <response code="200">The export, as application/json or text/csv.</response>
    /// <response code="400">validation_failed: an unknown format or kind.</response>
    [LinearizableRead]
    [HttpGet]
    [ResponseHeader(IndexHeader, "The log index the export was read at: it holds every write up to it, and none after.")]
    [ResponseHeader("Content-Disposition", "attachment; filename=\"raft3d-<kind>-<index>.<json|csv>\"")]
    [ProducesResponseType(typeof(Stream), StatusCodes.Status200OK, "application/json", "text/csv")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status503ServiceUnavailable, "application/problem+json")]
    public IActionResult Export([FromQuery] string? format, [FromQuery] string? kind)
    {
        ExportFormat? written = NullIfBlank(format)?.ToLowerInvariant() switch
        {
            null or "json" => ExportFormat.Json,
            "csv" => ExportFormat.Csv,
            _ => null,
        };
        if (written is not { } exportFormat)
        {
            return ProblemResult(ErrorCodes.ValidationFailed, $"format must be json or csv; got '{format}'.");
        }

        return NullIfBlank(kind)?.ToLowerInvariant() switch
        {
            null or "filaments" => Filaments(exportFormat),
            "print_jobs" => PrintJobs(exportFormat),
            "ledger" => Ledger(exportFormat),
            _ => ProblemResult(ErrorCodes.ValidationFailed, $"kind must be filaments, print_jobs or ledger; got '{kind}'."),
        };
    }

    /// <summary>The rows are taken under one read (a list of references, cheap); turned into JSON or CSV as they stream.</summary>
    private StreamedExportResult<FilamentResponse> Filaments(ExportFormat format)
    {
        var (index, spools) = store.Read(s => (s.LastIndex, s.PageFilaments(includeArchived: true, lowStock: null, after: -1, limit: int.MaxValue).Items));
        return new("filaments", index, format, spools.Select(view => FilamentResponse.From(view, stock)), json.Value.JsonSerializerOptions);
    }

    private StreamedExportResult<PrintJobResponse> PrintJobs(ExportFormat format)
    {
        var (index, jobs) = store.Read(s => (s.LastIndex, s.PagePrintJobs(new PrintJobFilter(), after: -1, limit: int.MaxValue).Items));
        return new("print_jobs", index, format, jobs.Select(PrintJobResponse.From), json.Value.JsonSerializerOptions);
    }

    /// <summary>
    /// Ledgers only grow, so each spool's is read on its own as the export streams, cut at the index the list of
    /// spools was taken at: the same rows as one read of everything, without holding the state's lock for it.
    /// </summary>
    private StreamedExportResult<LedgerEntryResponse> Ledger(ExportFormat format)
    {
        var (index, spoolIds) = store.Read(s => (s.LastIndex, s.ListFilaments().Select(f => f.Id).ToList()));
        var rows = spoolIds.SelectMany(id => store.Read(s => s.LedgerOf(id, upToIndex: index))).Select(LedgerEntryResponse.From);
        return new("ledger", index, format, rows, json.Value.JsonSerializerOptions);
    }
}
