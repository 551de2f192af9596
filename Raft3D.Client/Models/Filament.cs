namespace Raft3D.Client;

/// <summary>A filament spool, its remaining weight and what open jobs hold of it, as the API returns it. Field names are snake_case on the wire (see <see cref="Raft3DJson"/>).</summary>
/// <param name="Archived">An archived spool takes no new job; lists show it only when asked.</param>
/// <param name="CreatedAt">Null for spools created before the API kept times.</param>
/// <param name="Version">The log index of its last change: what <c>ifMatch</c> takes.</param>
public sealed record Filament(
    string Id,
    string Type,
    string Color,
    decimal TotalWeightInGrams,
    decimal RemainingWeightInGrams,
    bool Archived,
    DateTimeOffset? ArchivedAt,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt,
    long Version)
{
    /// <summary>Held by its Queued and Running jobs.</summary>
    public decimal ReservedWeightInGrams { get; init; }

    /// <summary>Remaining minus reserved: what a new job may take. Below 0 after a correction under the reservations.</summary>
    public decimal AvailableWeightInGrams { get; init; }

    /// <summary>Low on stock below this many available grams: the spool's own setting, or the node's share of its total.</summary>
    public decimal LowStockThresholdInGrams { get; init; }

    /// <summary>Available is below the threshold.</summary>
    public bool LowStock { get; init; }

    /// <summary>The empty spool's weight, for scale readings (measure); null if unknown.</summary>
    public decimal? SpoolWeightInGrams { get; init; }
}
