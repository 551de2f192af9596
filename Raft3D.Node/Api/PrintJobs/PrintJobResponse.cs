using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.Node.Api.PrintJobs;

/// <summary>A print job and where it is in its life cycle.</summary>
public sealed record PrintJobResponse(string Id, string PrinterId, string FilamentId, string Filepath, decimal PrintWeightInGrams, string Status)
{
    public static PrintJobResponse From(PrintJob job)
        => new(job.Id, job.PrinterId, job.FilamentId, job.Filepath, job.PrintWeightInGrams, job.Status.ToString());
}
