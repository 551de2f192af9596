namespace Raft3D.Client;

/// <summary>
/// The body of a 204 (printer delete, filament archive): there is none. A successful
/// <c>ApiResponse&lt;NoContent&gt;</c> has a null value and an empty <c>RawJson</c>; its status is the answer.
/// </summary>
public sealed record NoContent;
