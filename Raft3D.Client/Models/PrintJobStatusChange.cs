namespace Raft3D.Client;

/// <summary>The body of a status change. Field names are snake_case on the wire (see <see cref="Raft3DJson"/>).</summary>
/// <param name="Status">Running, Done or Canceled.</param>
/// <param name="ActualWeightInGrams">
/// With Done only: what the print really took, when the scale or slicer knows better than the planned weight.
/// The spool's consume entry is this many grams; null: the planned weight.
/// </param>
public sealed record PrintJobStatusChange(string Status, decimal? ActualWeightInGrams = null);
