namespace Raft3D.Client;

/// <summary>A print job and its status, as the API returns it. Field names are snake_case on the wire (see <see cref="Raft3DJson"/>).</summary>
/// <param name="PrinterId">Null while the job waits in the farm's unassigned queue.</param>
/// <param name="QueuePosition">While Queued, its place in its queue (1 starts next); otherwise null.</param>
/// <param name="ProgressPercent">0 to 100; never goes back; 100 once Done.</param>
/// <param name="CreatedAt">Null for jobs created before the API kept times.</param>
/// <param name="Version">The log index of its last change: what <c>ifMatch</c> takes.</param>
public sealed record PrintJob(
    string Id,
    string? PrinterId,
    string FilamentId,
    string Filepath,
    decimal PrintWeightInGrams,
    string Status,
    int? QueuePosition,
    int ProgressPercent,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    long Version)
{
    /// <summary>What a Done job really took, when it was reported with its status change; null: the planned weight was consumed.</summary>
    public decimal? ActualWeightInGrams { get; init; }
}
