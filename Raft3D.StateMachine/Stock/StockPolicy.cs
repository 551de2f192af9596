using Raft3D.StateMachine.Filaments;

namespace Raft3D.StateMachine.Stock;

/// <summary>
/// When a spool counts as low on stock. A read-side setting (each node's own configuration): it changes what
/// a node shows, never the replicated state, so nodes may differ without diverging.
/// </summary>
/// <param name="DefaultLowStockShare">The share of a spool's total below which it is low, for spools with no threshold of their own.</param>
public sealed record StockPolicy(decimal DefaultLowStockShare)
{
    public static StockPolicy Default { get; } = new(0.10m);

    public decimal ThresholdOf(Filament filament)
        => filament.LowStockThresholdInGrams ?? Grams.Canonical(decimal.Round(filament.TotalWeightInGrams * DefaultLowStockShare, 3));

    public bool IsLow(FilamentView view) => view.AvailableWeightInGrams < ThresholdOf(view.Filament);
}
