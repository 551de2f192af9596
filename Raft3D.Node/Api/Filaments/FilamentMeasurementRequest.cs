using System.Text.Json.Serialization;

namespace Raft3D.Node.Api.Filaments;

/// <summary>A scale reading of a spool: remaining becomes the gross weight less the empty spool's weight.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class FilamentMeasurementRequest
{
    /// <summary>What the scale showed: filament and spool together, in grams.</summary>
    public decimal? GrossWeightInGrams { get; set; }

    /// <summary>The empty spool's weight; without it, the one stored on the filament.</summary>
    public decimal? SpoolWeightInGrams { get; set; }

    /// <summary>Why, in a sentence (at most 500 characters); kept in the ledger for good.</summary>
    public string? Reason { get; set; }
}
