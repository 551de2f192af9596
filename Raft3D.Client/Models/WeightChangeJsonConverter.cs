using System.Text.Json;
using System.Text.Json.Serialization;

namespace Raft3D.Client;

/// <summary>Writes a <see cref="WeightChange"/> as its number, or as JSON null when it clears.</summary>
public sealed class WeightChangeJsonConverter : JsonConverter<WeightChange>
{
    public override bool HandleNull => true;

    public override WeightChange Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.Null ? WeightChange.Clear : WeightChange.To(reader.GetDecimal());

    public override void Write(Utf8JsonWriter writer, WeightChange value, JsonSerializerOptions options)
    {
        if (value.Grams is { } grams)
        {
            writer.WriteNumberValue(grams);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
