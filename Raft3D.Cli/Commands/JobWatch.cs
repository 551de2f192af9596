using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Raft3D.Client;

namespace Raft3D.Cli.Commands;

/// <summary>
/// Follows job changes until Ctrl+C: reads the job list once, then the event stream's print_job events from the
/// newest job version in it, and prints one line per new job or status change (with -o json, the job's JSON as
/// the API wrote it). When the node streaming dies, the client resumes on another node after the last event seen;
/// when a node cannot resume there (a reset), the list is read again and only what changed since is printed.
/// </summary>
public static class JobWatch
{
    public static Command Create(CommandRunner runner)
    {
        // Watch polled once per --interval before the event stream; scripts pass it, so it stays, as the wait
        // before reconnecting, which is what a poll interval became.
        var interval = new Option<double>("--interval")
        {
            Description = "Seconds to wait before reconnecting when a node's stream fails (doubling while nodes keep failing). Changes arrive as they happen; nothing polls.",
            DefaultValueFactory = static _ => 1.0,
        };
        var watch = new Command("watch", "Follow job changes live until Ctrl+C, one line per change. Example: raft3d jobs watch") { interval };
        runner.Bind(watch, async (parse, ctx, token) =>
        {
            var retry = TimeSpan.FromSeconds(Math.Max(0.1, parse.GetValue(interval)));
            var jobs = new WatchedJobs(ctx.Renderer.Format);
            if (await LoadAsync(ctx, jobs, print: false, retry, token) is { } refused)
            {
                return refused;
            }

            var greeting = string.Create(CultureInfo.InvariantCulture, $"watching {jobs.Count} {(jobs.Count == 1 ? "job" : "jobs")}; Ctrl+C to stop");

            // With -o json, standard output carries only the jobs' JSON, one per line, so it can be piped to jq.
            if (ctx.Renderer.Format == Output.OutputFormat.Json)
            {
                ctx.Renderer.Error(greeting);
            }
            else
            {
                ctx.Renderer.Line(greeting);
            }

            var options = new EventWatchOptions
            {
                // A job's creation and each status change is an event at its new version, so those after the newest
                // version listed are exactly the ones the list did not show: no gap between the list and the stream.
                Since = jobs.NewestVersion,
                Types = [FarmEventTypes.PrintJob],
                ReconnectionTime = retry,
                Interrupted = lost => ctx.Renderer.Error(
                    $"stream from {lost.Node} lost: {lost.Reason}; resuming after log index {lost.ResumeAfter} on {lost.NextNode} (still watching)"),
            };
            try
            {
                await foreach (var e in ctx.Client.WatchEventsAsync(options, token))
                {
                    if (e.Type == FarmEventTypes.PrintJob && jobs.Apply(e.As<PrintJob>(), e.RawJson) is { } line)
                    {
                        ctx.Renderer.Line(line);
                    }
                    else if (e.Type == FarmEventTypes.Reset)
                    {
                        ctx.Renderer.Error($"reset ({e.As<EventStreamReset>().Reason}) from {e.Node}: reading the job list again");
                        if (await LoadAsync(ctx, jobs, print: true, retry, token) is { } refusedAfterReset)
                        {
                            return refusedAfterReset;
                        }
                    }
                }
            }
            catch (EventStreamRefusedException e)
            {
                return ctx.Refused((HttpStatusCode)e.Problem.Status, e.Problem);
            }

            return ExitCodes.Success;
        });
        return watch;
    }

    /// <summary>Reads every job, retrying until a node answers; prints the changes from what was known when <paramref name="print"/>.</summary>
    /// <returns>Null once read; the exit code when the token is refused (401, 403), which no wait would change.</returns>
    private static async Task<int?> LoadAsync(CliContext ctx, WatchedJobs jobs, bool print, TimeSpan retry, CancellationToken token)
    {
        while (true)
        {
            try
            {
                var response = await ctx.Client.ListPrintJobsAsync(token: token);
                if (response.IsSuccess)
                {
                    using var raw = JsonDocument.Parse(response.RawJson);
                    foreach (var (job, json) in response.Value!.Zip(raw.RootElement.EnumerateArray()))
                    {
                        if (jobs.Apply(job, json.GetRawText()) is { } line && print)
                        {
                            ctx.Renderer.Line(line);
                        }
                    }

                    return null;
                }

                if (ExitCodes.FromStatus(response.StatusCode) == ExitCodes.Unauthorized)
                {
                    return ctx.Refused(response.StatusCode, response.Problem);
                }

                ctx.Renderer.Error($"{response.Problem?.Code}: {response.Problem?.Detail} (still watching)");
            }
            catch (NoNodeReachableException e)
            {
                ctx.Renderer.Error($"unreachable: {e.Message} (still watching)");
            }

            await Task.Delay(retry, token);
        }
    }
}
