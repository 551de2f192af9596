using System.Text.Json.Serialization;

namespace Raft3D.Node.Api.PrintJobs;

/// <summary>
/// A JSON merge patch of a Queued job: fields left out (or null) stay as they are. The printer changes through
/// assign, the status through its own endpoint; sending them here is refused.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class PrintJobPatchRequest
{
    /// <summary>The G-code file to print, at most 1024 characters.</summary>
    public string? Filepath { get; set; }

    /// <summary>Grams the print takes; the spool's reservation follows it, and must cover it.</summary>
    public decimal? PrintWeightInGrams { get; set; }
}
