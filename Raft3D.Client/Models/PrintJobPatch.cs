namespace Raft3D.Client;

/// <summary>A JSON merge patch of a Queued job: null fields are left out of the request, so they stay as they are.</summary>
public sealed record PrintJobPatch(string? Filepath = null, decimal? PrintWeightInGrams = null);
