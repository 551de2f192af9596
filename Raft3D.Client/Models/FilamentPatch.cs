namespace Raft3D.Client;

/// <summary>
/// A JSON merge patch of a spool: null fields are left out of the request, so they stay as they are. The stock
/// settings can also be cleared (<see cref="WeightChange.Clear"/> sends JSON null). Remaining weight is not here
/// because the API refuses it: it changes only through jobs, adjustments and measurements.
/// </summary>
public sealed record FilamentPatch(string? Type = null, string? Color = null)
{
    /// <summary>The empty spool's weight: set, cleared (unknown again) or, when null, left as it is.</summary>
    public WeightChange? SpoolWeightInGrams { get; init; }

    /// <summary>The low-stock threshold: set, cleared (back to the node's default share) or, when null, left as it is.</summary>
    public WeightChange? LowStockThresholdInGrams { get; init; }
}
