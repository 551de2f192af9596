namespace Raft3D.StateMachine.PrintJobs;

/// <summary>A job with its place in its queue (1 is next), derived when read; null unless Queued.</summary>
public sealed record PrintJobView(PrintJob Job, int? QueuePosition);
