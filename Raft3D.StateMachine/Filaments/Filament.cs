using Raft3D.StateMachine.Commands;

namespace Raft3D.StateMachine.Filaments;

/// <summary>A spool of filament and how much of it is left.</summary>
/// <param name="InitialRemainingWeightInGrams">
/// What the create command said was left. Kept so that a replayed create (same id, same body) is recognised
/// as the same request even after jobs have consumed part of the spool.
/// </param>
public sealed record Filament(
    string Id,
    FilamentType Type,
    string Color,
    decimal TotalWeightInGrams,
    decimal RemainingWeightInGrams,
    decimal InitialRemainingWeightInGrams)
{
    // Instants as UTC ticks (see StoredInstant): the properties below read and write them.
    private readonly long createdAtTicks;
    private readonly long updatedAtTicks;
    private readonly long archivedAtTicks;

    public DateTimeOffset? CreatedAt { get => StoredInstant.Unpack(createdAtTicks); init => createdAtTicks = StoredInstant.Pack(value); }

    public DateTimeOffset? UpdatedAt { get => StoredInstant.Unpack(updatedAtTicks); init => updatedAtTicks = StoredInstant.Pack(value); }

    /// <summary>The log index of its last change; the ETag.</summary>
    public long Version { get; init; }

    /// <summary>An archived spool takes no new job and is hidden from lists unless asked for; it stays for history.</summary>
    public bool IsArchived { get; init; }

    public DateTimeOffset? ArchivedAt { get => StoredInstant.Unpack(archivedAtTicks); init => archivedAtTicks = StoredInstant.Pack(value); }

    /// <summary>The empty spool's weight, for scale readings; null if unknown.</summary>
    public decimal? SpoolWeightInGrams { get; init; }

    /// <summary>Low on stock below this many available grams; null: the node's default share of the total.</summary>
    public decimal? LowStockThresholdInGrams { get; init; }

    /// <summary>What the create said, kept from the first edit on (null until then), to judge a retried create.</summary>
    public CreateFilament? CreatedAs { get; init; }
}
