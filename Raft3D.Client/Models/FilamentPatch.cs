namespace Raft3D.Client;

/// <summary>
/// A JSON merge patch of a spool: null fields are left out of the request, so they stay as they are. Weights are
/// not here because the API refuses them: they change only through jobs.
/// </summary>
public sealed record FilamentPatch(string? Type = null, string? Color = null);
