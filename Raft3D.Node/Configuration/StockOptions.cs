namespace Raft3D.Node.Configuration;

/// <summary>The <c>Raft3D:Stock</c> section: when a spool without a threshold of its own counts as low on stock.</summary>
public sealed class StockOptions
{
    /// <summary>A share of the spool's total weight, from 0 to 1; 0.1 flags a 1 kg spool below 100 g available.</summary>
    public decimal DefaultLowStockShare { get; set; } = 0.10m;
}
