namespace Raft3D.Client;

/// <summary>A registered printer, what it is doing and its workload, as the API returns it. Field names are snake_case on the wire (see <see cref="Raft3DJson"/>).</summary>
/// <param name="State">Idle, Printing or Maintenance.</param>
/// <param name="CurrentJobId">Its Running job, if any.</param>
/// <param name="QueuedJobs">How many Queued jobs wait in its queue.</param>
/// <param name="CreatedAt">Null for printers created before the API kept times.</param>
/// <param name="Version">The log index of its last change (its queue and running job included): what <c>ifMatch</c> takes.</param>
public sealed record Printer(
    string Id,
    string Company,
    string Model,
    string State,
    string? CurrentJobId,
    int QueuedJobs,
    int CompletedJobs,
    decimal PrintedWeightInGrams,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt,
    long Version);
