using Raft3D.Node.Api.Versions;
using Raft3D.StateMachine.Printers;

namespace Raft3D.Node.Api.Printers;

/// <summary>A registered printer, what it is doing, and its workload.</summary>
/// <param name="State">Idle, Printing (it has a Running job) or Maintenance (set by an operator; it starts no job).</param>
/// <param name="CurrentJobId">Its Running job, if any.</param>
/// <param name="QueuedJobs">How many Queued jobs wait in its queue.</param>
/// <param name="CompletedJobs">Jobs it took to Done.</param>
/// <param name="PrintedWeightInGrams">Grams those jobs used.</param>
/// <param name="CreatedAt">When the leader accepted its creation (UTC); null for printers created before times were kept.</param>
/// <param name="UpdatedAt">When it, its queue or its running job last changed (UTC).</param>
/// <param name="Version">The log index of its last change; its ETag. Send it back in If-Match to make an edit safe.</param>
public sealed record PrinterResponse(
    string Id,
    string Company,
    string Model,
    string State,
    string? CurrentJobId,
    int QueuedJobs,
    int CompletedJobs,
    decimal PrintedWeightInGrams,
    DateTime? CreatedAt,
    DateTime? UpdatedAt,
    long Version) : IVersionedResponse
{
    public static PrinterResponse From(PrinterView view)
    {
        var printer = view.Printer;
        return new(
            printer.Id,
            printer.Company,
            printer.Model,
            view.State.ToString(),
            view.CurrentJobId,
            view.QueuedJobs,
            printer.CompletedJobs,
            printer.PrintedWeightInGrams,
            printer.CreatedAt?.UtcDateTime,
            printer.UpdatedAt?.UtcDateTime,
            printer.Version);
    }
}
