namespace Raft3D.Node.Api.PrintJobs;

/// <summary>The status a job should move to: Running, Done or Canceled (Cancelled accepted), any case.</summary>
public sealed class PrintJobStatusRequest
{
    public string? Status { get; set; }
}
