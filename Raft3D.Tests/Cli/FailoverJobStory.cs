using System.Net;
using Raft3D.Client;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Cli;

/// <summary>
/// The job changes the watch failover tests follow. Before the watched node goes: a printer, a spool and j1. After:
/// j2 created, j1 started, j1 done, j2 canceled. Each write carries its own Idempotency-Key and is retried until a
/// node answers (the cluster may be electing a leader), so each happens exactly once.
/// </summary>
internal sealed class FailoverJobStory(string prefix)
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    public string First => prefix + "-j1";

    public string Second => prefix + "-j2";

    private string Printer => prefix + "-p";

    private string Filament => prefix + "-f";

    /// <summary>What jobs watch prints for <see cref="AfterAsync"/>'s changes, without the time in front.</summary>
    public IReadOnlyList<string> LinesAfter =>
    [
        $"{Second} created Queued (printer {Printer}, filament {Filament}, 5 g, /prints/{Second}.gcode)",
        $"{First} Queued -> Running",
        $"{First} Running -> Done",
        $"{Second} Queued -> Canceled",
    ];

    /// <summary>The line jobs watch prints when j1 is created, without the time in front.</summary>
    public string LineOfFirst => $"{First} created Queued (printer {Printer}, filament {Filament}, 5 g, /prints/{First}.gcode)";

    public async Task<PrintJob> BeforeAsync(Raft3DClient writer)
    {
        await UntilAnsweredAsync(key => writer.CreatePrinterAsync(new NewPrinter(Printer, "Prusa", "MK4"), key), "the printer");
        await UntilAnsweredAsync(key => writer.CreateFilamentAsync(new NewFilament(Filament, "PLA", "Red", 1000, null), key), "the spool");
        return await UntilAnsweredAsync(key => writer.CreatePrintJobAsync(Job(First), key), First);
    }

    /// <summary>The changes, each as the node answered it: its version is the log index of its event.</summary>
    public async Task<IReadOnlyList<PrintJob>> AfterAsync(Raft3DClient writer) =>
    [
        await UntilAnsweredAsync(key => writer.CreatePrintJobAsync(Job(Second), key), $"{Second} created"),
        await UntilAnsweredAsync(key => writer.ChangePrintJobStatusAsync(First, new PrintJobStatusChange("Running"), idempotencyKey: key), $"{First} started"),
        await UntilAnsweredAsync(key => writer.ChangePrintJobStatusAsync(First, new PrintJobStatusChange("Done"), idempotencyKey: key), $"{First} done"),
        await UntilAnsweredAsync(key => writer.ChangePrintJobStatusAsync(Second, new PrintJobStatusChange("Canceled"), idempotencyKey: key), $"{Second} canceled"),
    ];

    private NewPrintJob Job(string id) => new(id, Printer, Filament, $"/prints/{id}.gcode", 5);

    /// <summary>Sends <paramref name="write"/> with one key until a node answers it; a refusal fails the test at once.</summary>
    private static async Task<T> UntilAnsweredAsync<T>(Func<string, Task<ApiResponse<T>>> write, string what)
        where T : class
    {
        var key = IdempotencyKeys.New();
        return await Eventually.ReturnsAsync(
            async () =>
            {
                try
                {
                    var answer = await write(key);
                    if (answer.IsSuccess)
                    {
                        return answer.Value;
                    }

                    return answer.StatusCode == HttpStatusCode.ServiceUnavailable
                        ? null
                        : throw new AssertionException($"{what}: {(int)answer.StatusCode} {answer.RawJson}");
                }
                catch (NoNodeReachableException)
                {
                    return null;
                }
            },
            AnswerTimeout,
            $"a node to answer {what}");
    }
}
