using Raft3D.Node.Api.Versions;
using Raft3D.StateMachine.Filaments;

namespace Raft3D.Node.Api.Filaments;

/// <summary>A spool and what is left on it. Remaining drops when a job using it is Done.</summary>
/// <param name="Archived">Archived spools take no new job and are listed only with ?include_archived=true.</param>
/// <param name="ArchivedAt">When it was archived (UTC).</param>
/// <param name="CreatedAt">When the leader accepted its creation (UTC); null for spools created before times were kept.</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
/// <param name="Version">The log index of its last change; its ETag. Send it back in If-Match to make an edit safe.</param>
public sealed record FilamentResponse(
    string Id,
    string Type,
    string Color,
    decimal TotalWeightInGrams,
    decimal RemainingWeightInGrams,
    bool Archived,
    DateTime? ArchivedAt,
    DateTime? CreatedAt,
    DateTime? UpdatedAt,
    long Version) : IVersionedResponse
{
    public static FilamentResponse From(Filament filament) => new(
        filament.Id,
        filament.Type.ToString(),
        filament.Color,
        filament.TotalWeightInGrams,
        filament.RemainingWeightInGrams,
        filament.IsArchived,
        filament.ArchivedAt?.UtcDateTime,
        filament.CreatedAt?.UtcDateTime,
        filament.UpdatedAt?.UtcDateTime,
        filament.Version);
}
