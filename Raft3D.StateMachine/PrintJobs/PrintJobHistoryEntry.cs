namespace Raft3D.StateMachine.PrintJobs;

/// <summary>One status a job took: when (the leader's stamp) and at which log index (0: before history was kept).</summary>
public sealed record PrintJobHistoryEntry(PrintJobStatus Status, DateTimeOffset? At, long Index);
