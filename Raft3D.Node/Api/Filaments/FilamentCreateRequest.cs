namespace Raft3D.Node.Api.Filaments;

/// <summary>A spool of filament to register.</summary>
public sealed class FilamentCreateRequest
{
    /// <summary>Optional. 1–64 letters, digits, '.', '_' or '-'. Generated when absent.</summary>
    public string? Id { get; set; }

    /// <summary>PLA, PETG, ABS or TPU, in any case.</summary>
    public string? Type { get; set; }

    /// <summary>Required, at most 100 characters.</summary>
    public string? Color { get; set; }

    /// <summary>Grams on a full spool: more than 0, at most 1,000,000, up to 3 decimals.</summary>
    public decimal? TotalWeightInGrams { get; set; }

    /// <summary>Grams left now: 0 to total. Defaults to the total (a new spool).</summary>
    public decimal? RemainingWeightInGrams { get; set; }

    /// <summary>Optional. The empty spool's weight, so POST .../measure can take a gross scale reading.</summary>
    public decimal? SpoolWeightInGrams { get; set; }

    /// <summary>Optional. Low on stock below this many available grams; default: a share of the total set per node (10%).</summary>
    public decimal? LowStockThresholdInGrams { get; set; }
}
