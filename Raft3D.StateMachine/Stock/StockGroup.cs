using Raft3D.StateMachine.Filaments;

namespace Raft3D.StateMachine.Stock;

/// <summary>
/// The farm's stock of one type and colour across its live spools, and what waiting jobs will take from it, so
/// a farm sees it will run out before it does.
/// </summary>
/// <param name="Color">As the oldest spool of the group spells it; colours are grouped ignoring case.</param>
/// <param name="ReservedWeightInGrams">Held by Queued and Running jobs.</param>
/// <param name="QueuedDemandInGrams">What Queued jobs (on a printer or not) will take.</param>
/// <param name="UnassignedDemandInGrams">The part of the queued demand no printer has taken yet.</param>
/// <param name="LowStockThresholdInGrams">The sum of its spools' thresholds.</param>
public sealed record StockGroup(
    FilamentType Type,
    string Color,
    int Spools,
    decimal RemainingWeightInGrams,
    decimal ReservedWeightInGrams,
    decimal AvailableWeightInGrams,
    decimal QueuedDemandInGrams,
    decimal UnassignedDemandInGrams,
    decimal LowStockThresholdInGrams)
{
    public bool LowStock => AvailableWeightInGrams < LowStockThresholdInGrams;
}
