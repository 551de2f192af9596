using System.Text.Json.Serialization;

namespace Raft3D.Node.Api.PrintJobs;

/// <summary>How far a Running job is: a whole percentage, 0 to 100.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class PrintJobProgressRequest
{
    public int? Percent { get; set; }
}
