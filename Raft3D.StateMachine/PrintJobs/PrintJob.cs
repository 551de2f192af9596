using Raft3D.StateMachine.Commands;

namespace Raft3D.StateMachine.PrintJobs;

/// <summary>A print job: which printer prints which file from which spool, and how far it got.</summary>
/// <param name="PrinterId">Null while the job waits in the farm's unassigned queue.</param>
public sealed record PrintJob(
    string Id,
    string? PrinterId,
    string FilamentId,
    string Filepath,
    decimal PrintWeightInGrams,
    PrintJobStatus Status)
{
    // Instants as UTC ticks (see StoredInstant): the properties below read and write them.
    private readonly long createdAtTicks;
    private readonly long startedAtTicks;
    private readonly long finishedAtTicks;

    public DateTimeOffset? CreatedAt { get => StoredInstant.Unpack(createdAtTicks); init => createdAtTicks = StoredInstant.Pack(value); }

    public DateTimeOffset? StartedAt { get => StoredInstant.Unpack(startedAtTicks); init => startedAtTicks = StoredInstant.Pack(value); }

    public DateTimeOffset? FinishedAt { get => StoredInstant.Unpack(finishedAtTicks); init => finishedAtTicks = StoredInstant.Pack(value); }

    /// <summary>What the print really used, if Done said so; it was consumed instead of the planned weight.</summary>
    public decimal? ActualWeightInGrams { get; init; }

    /// <summary>The log index of its creation; 0 if made before the history was kept.</summary>
    public long CreatedIndex { get; init; }

    /// <summary>The log index at which it became Running; 0 if never, or before the history was kept.</summary>
    public long StartedIndex { get; init; }

    /// <summary>The log index at which it became Done or Canceled; 0 if not yet, or unknown.</summary>
    public long FinishedIndex { get; init; }

    /// <summary>What it took from its spool when Done: the actual weight if reported, else the planned one.</summary>
    public decimal ConsumedWeightInGrams => ActualWeightInGrams ?? PrintWeightInGrams;

    /// <summary>0 to 100; never goes back; 100 once Done.</summary>
    public int ProgressPercent { get; init; }

    /// <summary>The log index of its last change; the ETag.</summary>
    public long Version { get; init; }

    /// <summary>
    /// The log index at which the job joined its current queue: a queue is its Queued jobs in this order, so
    /// the order is stored once, on the job, and rebuilt from a snapshot without a second structure on disk.
    /// </summary>
    public long QueuedIndex { get; init; }

    /// <summary>
    /// Moved to another queue after creation. A replayed create is then judged without its printer, which
    /// the job no longer has.
    /// </summary>
    public bool WasReassigned { get; init; }

    /// <summary>What the create said, kept from the first edit on (null until then), to judge a retried create.</summary>
    public CreatePrintJob? CreatedAs { get; init; }
}
