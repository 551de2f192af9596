using System.Text.Json;

namespace Raft3D.Tests.Infrastructure;

/// <summary>One event as a test read it off the wire.</summary>
public sealed record ServerSentEvent(string Type, long? Id, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;
}
