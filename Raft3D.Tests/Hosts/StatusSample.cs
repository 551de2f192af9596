namespace Raft3D.Tests.Hosts;

/// <summary>One node's answer to /cluster/status, and when it came (a Stopwatch timestamp).</summary>
internal sealed record StatusSample(long At, string Node, bool Leads, long Term, string? Leader, long CommitIndex);
