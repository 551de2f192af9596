using System.Net;
using Raft3D.Cli;
using static Raft3D.Tests.Cli.FakeEventStream;

namespace Raft3D.Tests.Cli;

/// <summary>
/// raft3d jobs watch over scripted nodes: the list, then the stream from the newest version; a stream that breaks
/// resumes on the next node after the last event; a reset reloads the list and prints only what changed.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class JobWatchStreamTests
{
    private const string TwoNodes = "http://first.invalid:8080,http://second.invalid:8081";

    [Test]
    public async Task Each_creation_and_status_change_prints_once_across_a_broken_stream_and_a_reset()
    {
        var (transport, stop) = Farm();

        var result = await CliResult.RunAsync(transport, TwoNodes, stop.Token, "jobs", "watch", "--interval", "0.01");

        Assert.Multiple(() =>
        {
            Assert.That(result.Exit, Is.EqualTo(ExitCodes.Success), result.ToString());
            Assert.That(WatchLines.Of(result.Output), Is.EqualTo(new[]
            {
                "watching 1 job; Ctrl+C to stop",
                "j1 Queued -> Running",
                "j1 Running -> Done",
                "j2 created Queued (printer p1, filament f1, 5 g, a.gcode)",
                "j2 Queued -> Running",
            }));
            Assert.That(transport.Requests.Select(r => (r.Node, r.Path, r.LastEventId)), Is.EqualTo(new[]
            {
                ("first.invalid", "/api/v1/print_jobs", (string?)null),
                ("first.invalid", "/api/v1/events", "3"),
                ("second.invalid", "/api/v1/events", "5"),
                ("second.invalid", "/api/v1/print_jobs", null),
                ("first.invalid", "/api/v1/events", "10"),
            }));
            Assert.That(transport.Requests[1].PathAndQuery, Is.EqualTo("/api/v1/events?types=print_job"));
            Assert.That(result.Error, Does.Contain("stream from http://first.invalid:8080/ lost: The connection was reset.; resuming after log index 5 on http://second.invalid:8081/"));
            Assert.That(result.Error, Does.Contain("reset (window) from http://second.invalid:8081/: reading the job list again"));
        });
    }

    [Test]
    public async Task With_json_output_each_line_is_the_job_as_the_API_wrote_it()
    {
        var (transport, stop) = Farm();

        var result = await CliResult.RunAsync(transport, TwoNodes, stop.Token, "jobs", "watch", "-o", "json", "--interval", "0.01");

        Assert.That(result.Error, Does.Contain("watching 1 job; Ctrl+C to stop"), "a status line, on stderr so stdout stays JSON");
        Assert.That(result.Lines, Is.EqualTo(new[]
        {
            JobJson(5, "j1", "Running"),
            JobJson(8, "j1", "Done"),
            JobJson(9, "j2", "Queued"),
            JobJson(10, "j2", "Running"),
        }));
    }

    [Test]
    public async Task A_refused_stream_is_one_line_and_its_exit_code()
    {
        var transport = new FakeTransport(request => request.RequestUri!.AbsolutePath == "/api/v1/print_jobs"
            ? FakeTransport.Answer(HttpStatusCode.OK, "[]")
            : FakeTransport.Answer(HttpStatusCode.BadRequest, """{"code":"validation_failed","status":400,"detail":"Unknown event type."}"""));

        var result = await CliResult.RunAsync(transport, TwoNodes, "jobs", "watch");

        Assert.Multiple(() =>
        {
            Assert.That(result.Exit, Is.EqualTo(ExitCodes.InvalidInput), result.ToString());
            Assert.That(result.Error, Is.EqualTo("validation_failed: Unknown event type." + Environment.NewLine));
        });
    }

    /// <summary>
    /// j1 is Queued at version 3. The first node streams j1 Running (5), then its connection resets. The second,
    /// asked for what follows 5, no longer holds it: reset, and the list now shows j1 Done (8) and a new j2 (9);
    /// its stream then repeats j2 at 9 (already listed) and moves it to Running (10), and ends. The next
    /// connection stops the watch, as Ctrl+C would.
    /// </summary>
    private static (FakeTransport Transport, CancellationTokenSource Stop) Farm()
    {
        var stop = new CancellationTokenSource();
        var lists = 0;
        var transport = new FakeTransport(request => (request.RequestUri!.Host, request.RequestUri.AbsolutePath) switch
        {
            (_, "/api/v1/print_jobs") => FakeTransport.Answer(HttpStatusCode.OK, ++lists == 1
                ? $"[{JobJson(3, "j1", "Queued")}]"
                : $"[{JobJson(8, "j1", "Done")},{JobJson(9, "j2", "Queued")}]"),
            ("first.invalid", _) when request.Headers.Contains("Last-Event-ID") && request.Headers.GetValues("Last-Event-ID").Single() == "3"
                => Drops(Retry + ClusterEvent + Job(5, "j1", "Running")),
            ("second.invalid", _) => Ends(Retry + Reset("window", 9, 7) + Job(9, "j2", "Queued") + Job(10, "j2", "Running")),
            _ => StopWatch(stop),
        });
        return (transport, stop);
    }

    private static HttpResponseMessage StopWatch(CancellationTokenSource stop)
    {
        stop.Cancel();
        throw new OperationCanceledException(stop.Token);
    }
}
