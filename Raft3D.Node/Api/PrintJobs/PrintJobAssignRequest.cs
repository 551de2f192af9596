namespace Raft3D.Node.Api.PrintJobs;

/// <summary>The printer whose queue a Queued job should join.</summary>
public sealed class PrintJobAssignRequest
{
    public string? PrinterId { get; set; }
}
