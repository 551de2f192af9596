namespace Raft3D.Client;

/// <summary>A spool to register; remaining defaults to total on the node. Field names are snake_case on the wire (see <see cref="Raft3DJson"/>).</summary>
public sealed record NewFilament(string? Id, string Type, string Color, decimal TotalWeightInGrams, decimal? RemainingWeightInGrams);
