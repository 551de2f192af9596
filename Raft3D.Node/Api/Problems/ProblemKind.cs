namespace Raft3D.Node.Api.Problems;

/// <summary>What a problem code means over HTTP: its status and a short title.</summary>
public sealed record ProblemKind(int Status, string Title);
