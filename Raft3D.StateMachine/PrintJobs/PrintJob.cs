namespace Raft3D.StateMachine.PrintJobs;

/// <summary>A print job: which printer prints which file from which spool, and how far it got.</summary>
public sealed record PrintJob(
    string Id,
    string PrinterId,
    string FilamentId,
    string Filepath,
    decimal PrintWeightInGrams,
    PrintJobStatus Status);
