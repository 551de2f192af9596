namespace Raft3D.Client;

/// <summary>A JSON merge patch of a printer: null fields are left out of the request, so they stay as they are.</summary>
public sealed record PrinterPatch(string? Company = null, string? Model = null);
