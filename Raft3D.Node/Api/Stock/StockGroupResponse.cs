using Raft3D.StateMachine.Stock;

namespace Raft3D.Node.Api.Stock;

/// <summary>The farm's stock of one type and colour across its live spools, and what waiting jobs will take from it.</summary>
/// <param name="Color">As the oldest spool of the group spells it; colours are grouped ignoring case.</param>
/// <param name="Spools">Live (not archived) spools of this type and colour.</param>
/// <param name="ReservedWeightInGrams">Held by Queued and Running jobs.</param>
/// <param name="AvailableWeightInGrams">Remaining minus reserved: what new jobs may still take.</param>
/// <param name="QueuedDemandInGrams">What Queued jobs (on a printer or not) will take.</param>
/// <param name="UnassignedDemandInGrams">The part of the queued demand no printer has taken yet.</param>
/// <param name="LowStockThresholdInGrams">The sum of its spools' thresholds.</param>
/// <param name="LowStock">Available is below the threshold: order more.</param>
public sealed record StockGroupResponse(
    string Type,
    string Color,
    int Spools,
    decimal RemainingWeightInGrams,
    decimal ReservedWeightInGrams,
    decimal AvailableWeightInGrams,
    decimal QueuedDemandInGrams,
    decimal UnassignedDemandInGrams,
    decimal LowStockThresholdInGrams,
    bool LowStock)
{
    public static StockGroupResponse From(StockGroup group)
        => new(
            group.Type.ToString(),
            group.Color,
            group.Spools,
            group.RemainingWeightInGrams,
            group.ReservedWeightInGrams,
            group.AvailableWeightInGrams,
            group.QueuedDemandInGrams,
            group.UnassignedDemandInGrams,
            group.LowStockThresholdInGrams,
            group.LowStock);
}
