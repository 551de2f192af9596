using System.CommandLine;
using System.Globalization;
using Raft3D.Cli.Output;
using Raft3D.Client;

namespace Raft3D.Cli.Commands;

/// <summary>
/// raft3d export: the farm's spools, jobs or ledger as JSON or CSV, consistent at one log index, streamed from the
/// node to stdout or a file as it comes.
/// </summary>
public static class ExportCommand
{
    public static Command Create(CommandRunner runner)
    {
        var kind = new Option<string>("--kind")
        {
            Description = "What to export: filaments (the spools), print_jobs or ledger (every spool's entries, with filament_id).",
            DefaultValueFactory = static _ => "filaments",
        };
        kind.AcceptOnlyFromAmong("filaments", "print_jobs", "ledger");
        var format = new Option<string>("--format")
        {
            Description = "json (an array of the API's objects) or csv (a header row, then one row per item).",
            DefaultValueFactory = static _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "csv");

        // Not --output: that is the global table/json switch (-o), which an export, with its own --format, does not use.
        var file = new Option<FileInfo?>("--file")
        {
            HelpName = "path",
            Description = "Write to this file (replaced only once the export is complete) instead of stdout.",
        };
        var export = new Command(
            "export",
            "Export spools, jobs or the ledger, every row as it was at one log index even while writes go on, streamed as the node writes it. "
            + "Example: raft3d export --kind ledger --format csv --file ledger.csv")
        {
            kind, format, file,
        };
        runner.Bind(export, async (parse, ctx, token) =>
        {
            var what = parse.GetValue(kind)!;
            var how = parse.GetValue(format)!;
            try
            {
                return parse.GetValue(file) is { } target
                    ? await ToFileAsync(ctx, what, how, target, token)
                    : await ToStandardOutputAsync(ctx, what, how, token);
            }
            catch (ExportInterruptedException e)
            {
                ctx.Renderer.Error($"export_interrupted: {e.Message}");
                return ExitCodes.Unavailable;
            }
        });
        return export;
    }

    private static async Task<int> ToStandardOutputAsync(CliContext ctx, string kind, string format, CancellationToken token)
    {
        await using var stdout = new TextWriterStream(ctx.Renderer.Output);
        var response = await ctx.Client.ExportAsync(kind, format, stdout, token);
        return response.IsSuccess ? ExitCodes.Success : ctx.Show(response, static (_, _) => { });
    }

    /// <summary>
    /// Into a file beside the target first, moved over it only when complete: a broken export never leaves a file
    /// that looks whole, and never spoils an earlier good one.
    /// </summary>
    private static async Task<int> ToFileAsync(CliContext ctx, string kind, string format, FileInfo target, CancellationToken token)
    {
        var partial = target.FullName + ".partial";
        try
        {
            ApiResponse<ExportResult> response;
            await using (var destination = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, useAsync: true))
            {
                response = await ctx.Client.ExportAsync(kind, format, destination, token);
            }

            if (!response.IsSuccess)
            {
                return ctx.Show(response, static (_, _) => { });
            }

            File.Move(partial, target.FullName, overwrite: true);
            var result = response.Value!;
            ctx.Renderer.Error(string.Create(
                CultureInfo.InvariantCulture,
                $"exported {kind} at log index {result.LogIndex?.ToString(CultureInfo.InvariantCulture) ?? "?"} to {target.FullName} ({result.Bytes} bytes)"));
            return ExitCodes.Success;
        }
        finally
        {
            File.Delete(partial);
        }
    }
}
