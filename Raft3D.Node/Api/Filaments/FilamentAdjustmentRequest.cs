using System.Text.Json.Serialization;

namespace Raft3D.Node.Api.Filaments;

/// <summary>A correction of a spool's remaining weight: a new ledger entry, never an edit of an old one.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class FilamentAdjustmentRequest
{
    /// <summary>Grams to add (positive) or take (negative); not 0.</summary>
    public decimal? Grams { get; set; }

    /// <summary>Why, in a sentence (at most 500 characters); kept in the ledger for good.</summary>
    public string? Reason { get; set; }
}
