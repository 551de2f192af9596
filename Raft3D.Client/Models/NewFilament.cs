namespace Raft3D.Client;

/// <summary>A spool to register; remaining defaults to total on the node. Field names are snake_case on the wire (see <see cref="Raft3DJson"/>).</summary>
public sealed record NewFilament(string? Id, string Type, string Color, decimal TotalWeightInGrams, decimal? RemainingWeightInGrams)
{
    /// <summary>The empty spool's weight, so that a measure can take a gross scale reading; null: unknown.</summary>
    public decimal? SpoolWeightInGrams { get; init; }

    /// <summary>Low on stock below this many available grams; null: the node's default share of the total.</summary>
    public decimal? LowStockThresholdInGrams { get; init; }
}
