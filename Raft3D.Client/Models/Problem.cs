namespace Raft3D.Client;

/// <summary>An RFC 7807 problem as Raft3D sends it: <see cref="Code"/> is stable, <see cref="Detail"/> is for people.</summary>
public sealed record Problem(string? Type, string? Title, int Status, string? Detail, string? Code);
