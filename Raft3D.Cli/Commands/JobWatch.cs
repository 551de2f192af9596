using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Raft3D.Client;

namespace Raft3D.Cli.Commands;

/// <summary>
/// Follows job changes until Ctrl+C: polls once a second (the API has no event stream yet) and prints one
/// line per new job or status change. With -o json each line is the job's JSON.
/// </summary>
public static class JobWatch
{
    public static Command Create(CommandRunner runner)
    {
        var interval = new Option<double>("--interval") { Description = "Seconds between polls.", DefaultValueFactory = static _ => 1.0 };
        var watch = new Command("watch", "Follow job changes live until Ctrl+C, one line per change. Example: raft3d jobs watch") { interval };
        runner.Bind(watch, async (parse, ctx, token) =>
        {
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            var first = true;
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.1, parse.GetValue(interval))));
            do
            {
                ApiResponse<IReadOnlyList<PrintJob>> response;
                try
                {
                    response = await ctx.Client.ListPrintJobsAsync(token: token);
                }
                catch (NoNodeReachableException e)
                {
                    ctx.Renderer.Error($"unreachable: {e.Message} (still watching)");
                    continue;
                }

                if (!response.IsSuccess)
                {
                    ctx.Renderer.Error($"{response.Problem?.Code}: {response.Problem?.Detail} (still watching)");
                    continue;
                }

                foreach (var job in response.Value!)
                {
                    var before = seen.GetValueOrDefault(job.Id);
                    if (before == job.Status)
                    {
                        continue;
                    }

                    seen[job.Id] = job.Status;
                    if (first)
                    {
                        continue;
                    }

                    ctx.Renderer.Line(ctx.Renderer.Format == Output.OutputFormat.Json
                        ? JsonSerializer.Serialize(job, Raft3DJson.Options)
                        : Describe(job, before));
                }

                if (first)
                {
                    ctx.Renderer.Line(string.Create(CultureInfo.InvariantCulture, $"watching {seen.Count} {(seen.Count == 1 ? "job" : "jobs")}; Ctrl+C to stop"));
                    first = false;
                }
            }
            while (await timer.WaitForNextTickAsync(token));

            return ExitCodes.Success;
        });
        return watch;
    }

    private static string Describe(PrintJob job, string? before)
    {
        var time = DateTimeOffset.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        return before is null
            ? $"{time} {job.Id} created {job.Status} (printer {job.PrinterId ?? "unassigned"}, filament {job.FilamentId}, {Cells.Grams(job.PrintWeightInGrams)} g, {job.Filepath})"
            : $"{time} {job.Id} {before} -> {job.Status}";
    }
}
