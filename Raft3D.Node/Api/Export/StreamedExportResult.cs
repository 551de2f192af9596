using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace Raft3D.Node.Api.Export;

/// <summary>
/// Writes an export's rows to the response as they are enumerated, never the whole output in memory: the
/// headers first (the log index it was read at, the file name), then the rows, flushed every few kilobytes.
/// </summary>
public sealed class StreamedExportResult<TRow>(string kind, long index, ExportFormat format, IEnumerable<TRow> rows, JsonSerializerOptions options) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        var token = context.HttpContext.RequestAborted;
        var extension = format == ExportFormat.Csv ? "csv" : "json";
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = format == ExportFormat.Csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
        response.Headers[ExportController.IndexHeader] = index.ToString(CultureInfo.InvariantCulture);
        response.Headers.ContentDisposition = $"attachment; filename=\"raft3d-{kind}-{index.ToString(CultureInfo.InvariantCulture)}.{extension}\"";
        if (format == ExportFormat.Csv)
        {
            await CsvExport.WriteAsync(response.Body, rows, options, token);
        }
        else
        {
            await JsonArrayExport.WriteAsync(response.BodyWriter, rows, options, token);
        }
    }
}
