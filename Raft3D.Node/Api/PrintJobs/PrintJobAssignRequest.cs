using System.Text.Json.Serialization;

namespace Raft3D.Node.Api.PrintJobs;

/// <summary>The printer whose queue a Queued job should join.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class PrintJobAssignRequest
{
    public string? PrinterId { get; set; }
}
