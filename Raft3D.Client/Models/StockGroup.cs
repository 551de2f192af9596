namespace Raft3D.Client;

/// <summary>
/// The farm's stock of one type and colour across its live spools, and what waiting jobs will take from it.
/// Field names are snake_case on the wire (see <see cref="Raft3DJson"/>).
/// </summary>
/// <param name="ReservedWeightInGrams">Held by Queued and Running jobs.</param>
/// <param name="AvailableWeightInGrams">Remaining minus reserved.</param>
/// <param name="QueuedDemandInGrams">What Queued jobs, on a printer or not, will take.</param>
/// <param name="UnassignedDemandInGrams">The part of the queued demand no printer has taken yet.</param>
/// <param name="LowStockThresholdInGrams">The sum of its spools' thresholds.</param>
/// <param name="LowStock">Available is below the threshold.</param>
public sealed record StockGroup(
    string Type,
    string Color,
    int Spools,
    decimal RemainingWeightInGrams,
    decimal ReservedWeightInGrams,
    decimal AvailableWeightInGrams,
    decimal QueuedDemandInGrams,
    decimal UnassignedDemandInGrams,
    decimal LowStockThresholdInGrams,
    bool LowStock);
