using System.Text.Json;

namespace Raft3D.Client;

/// <summary>The API's JSON conventions: snake_case names, as in the seeds.</summary>
public static class Raft3DJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
