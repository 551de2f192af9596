using System.Text.Json.Serialization;

namespace Raft3D.Node.Api.Printers;

/// <summary>A JSON merge patch of a printer: fields left out (or null) stay as they are; any other field is refused.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class PrinterPatchRequest
{
    /// <summary>New manufacturer, at most 100 characters.</summary>
    public string? Company { get; set; }

    /// <summary>New model, at most 100 characters.</summary>
    public string? Model { get; set; }
}
