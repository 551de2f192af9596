namespace Raft3D.Client;

/// <summary>A filament spool and its remaining weight, as the API returns it. Field names are snake_case on the wire (see <see cref="Raft3DJson"/>).</summary>
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
    long Version);
