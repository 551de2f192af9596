using System.Text.Json.Serialization;

namespace Raft3D.Node.Api.Filaments;

/// <summary>
/// A JSON merge patch of a spool: fields left out (or null) stay as they are. Weights are not here: they change
/// only through jobs (and corrections), so that every gram stays accounted for; sending one is refused.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class FilamentPatchRequest
{
    /// <summary>PLA, PETG, ABS or TPU (any case).</summary>
    public string? Type { get; set; }

    /// <summary>New color, at most 100 characters.</summary>
    public string? Color { get; set; }
}
