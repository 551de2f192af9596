using Raft3D.StateMachine.Commands;

namespace Raft3D.StateMachine.Printers;

/// <summary>
/// A printer registered in the farm. Immutable: the state machine replaces, never mutates. Whether it is
/// printing, and how many jobs wait for it, are derived from the jobs (see <see cref="PrinterView"/>).
/// </summary>
public sealed record Printer(string Id, string Company, string Model)
{
    // Instants as UTC ticks (see StoredInstant): the properties below read and write them.
    private readonly long createdAtTicks;
    private readonly long updatedAtTicks;

    // A setter below replaces this only when its value changes: restoring a row sets every field, most to defaults.
    private readonly PrinterRareFields rare = PrinterRareFields.None;

    /// <summary>Set by an operator; a printer in maintenance starts no job.</summary>
    public bool InMaintenance { get; init; }

    public DateTimeOffset? CreatedAt { get => StoredInstant.Unpack(createdAtTicks); init => createdAtTicks = StoredInstant.Pack(value); }

    public DateTimeOffset? UpdatedAt { get => StoredInstant.Unpack(updatedAtTicks); init => updatedAtTicks = StoredInstant.Pack(value); }

    /// <summary>The log index of its last change, including a change to its queue or running job; the ETag.</summary>
    public long Version { get; init; }

    /// <summary>Jobs this printer took to Done.</summary>
    public int CompletedJobs { get; init; }

    /// <summary>Grams those jobs used.</summary>
    public decimal PrintedWeightInGrams { get; init; }

    /// <summary>When it was deleted: a deleted printer is kept so its past jobs still name it, and its id is not reused.</summary>
    public DateTimeOffset? DeletedAt
    {
        get => StoredInstant.Unpack(rare.DeletedAtTicks);
        init => rare = WithDeletedAt(StoredInstant.Pack(value));
    }

    /// <summary>Deleted printers stay in the table: their jobs name them and a paging cursor counts them.</summary>
    public bool IsDeleted
    {
        get => rare.IsDeleted;
        init => rare = value == rare.IsDeleted ? rare : (rare with { IsDeleted = value }).OrNoneIfEmpty();
    }

    /// <summary>
    /// What the create said, kept from the first edit on (null until then): a retried create is judged against
    /// it, so a retry that an edit overtook is still recognised as the same request.
    /// </summary>
    public CreatePrinter? CreatedAs
    {
        get => rare.CreatedAs;
        init => rare = ReferenceEquals(value, rare.CreatedAs) ? rare : (rare with { CreatedAs = value }).OrNoneIfEmpty();
    }

    private PrinterRareFields WithDeletedAt(long ticks) => ticks == rare.DeletedAtTicks ? rare : (rare with { DeletedAtTicks = ticks }).OrNoneIfEmpty();
}
