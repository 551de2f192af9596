namespace Raft3D.Client;

/// <summary>A filament spool and its remaining weight, as the API returns it. Field names are snake_case on the wire (see <see cref="Raft3DJson"/>).</summary>
public sealed record Filament(string Id, string Type, string Color, decimal TotalWeightInGrams, decimal RemainingWeightInGrams);
