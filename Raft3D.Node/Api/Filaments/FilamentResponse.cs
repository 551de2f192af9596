using Raft3D.Node.Api.Versions;
using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.Stock;

namespace Raft3D.Node.Api.Filaments;

/// <summary>A spool, what is left on it, and what open jobs hold of it. Remaining changes only by ledger entries.</summary>
/// <param name="Archived">Archived spools take no new job and are listed only with ?include_archived=true.</param>
/// <param name="ArchivedAt">When it was archived (UTC).</param>
/// <param name="CreatedAt">When the leader accepted its creation (UTC); null for spools created before times were kept.</param>
/// <param name="UpdatedAt">When it last changed (UTC).</param>
/// <param name="Version">The log index of its last change; its ETag. Send it back in If-Match to make an edit safe.</param>
/// <param name="ReservedWeightInGrams">Held by its Queued and Running jobs.</param>
/// <param name="AvailableWeightInGrams">Remaining minus reserved: what a new job may take. Below 0 after a correction under the reservations.</param>
/// <param name="LowStockThresholdInGrams">Low on stock below this many available grams: its own setting, or the node's share of its total.</param>
/// <param name="LowStock">Available is below the threshold.</param>
/// <param name="SpoolWeightInGrams">The empty spool's weight, for scale readings; null if unknown.</param>
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
    long Version,
    decimal ReservedWeightInGrams,
    decimal AvailableWeightInGrams,
    decimal LowStockThresholdInGrams,
    bool LowStock,
    decimal? SpoolWeightInGrams) : IVersionedResponse
{
    public static FilamentResponse From(FilamentView view, StockPolicy policy)
    {
        var filament = view.Filament;
        return new(
            filament.Id,
            filament.Type.ToString(),
            filament.Color,
            filament.TotalWeightInGrams,
            filament.RemainingWeightInGrams,
            filament.IsArchived,
            filament.ArchivedAt?.UtcDateTime,
            filament.CreatedAt?.UtcDateTime,
            filament.UpdatedAt?.UtcDateTime,
            filament.Version,
            view.ReservedWeightInGrams,
            view.AvailableWeightInGrams,
            policy.ThresholdOf(filament),
            policy.IsLow(view),
            filament.SpoolWeightInGrams);
    }
}
