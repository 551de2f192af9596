using System.Text.Json.Serialization;

namespace Raft3D.Node.Api.Filaments;

/// <summary>
/// A JSON merge patch of a spool: fields left out stay as they are; type and color cannot be null, the stock
/// settings can (null clears them). Remaining weight is not here: it changes only through jobs and ledger
/// corrections, so that every gram stays accounted for; sending it is refused.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class FilamentPatchRequest
{
    /// <summary>PLA, PETG, ABS or TPU (any case).</summary>
    public string? Type { get; set; }

    /// <summary>New color, at most 100 characters.</summary>
    public string? Color { get; set; }

    /// <summary>The empty spool's weight; null forgets it.</summary>
    public decimal? SpoolWeightInGrams
    {
        get => spoolWeight;
        set => (spoolWeight, SpoolWeightGiven) = (value, true);
    }

    /// <summary>Low on stock below this many available grams; null returns to the node's default share.</summary>
    public decimal? LowStockThresholdInGrams
    {
        get => lowStockThreshold;
        set => (lowStockThreshold, LowStockThresholdGiven) = (value, true);
    }

    /// <summary>Whether the body named spool_weight_in_grams at all: a merge patch's null clears, absence keeps.</summary>
    [JsonIgnore]
    public bool SpoolWeightGiven { get; private set; }

    [JsonIgnore]
    public bool LowStockThresholdGiven { get; private set; }

    private decimal? spoolWeight;
    private decimal? lowStockThreshold;
}
