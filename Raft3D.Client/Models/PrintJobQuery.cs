namespace Raft3D.Client;

/// <summary>Which jobs a list asks for; null or false filters are not sent.</summary>
/// <param name="Unassigned">Only jobs with no printer.</param>
public sealed record PrintJobQuery(string? Status = null, string? PrinterId = null, string? FilamentId = null, bool Unassigned = false);
