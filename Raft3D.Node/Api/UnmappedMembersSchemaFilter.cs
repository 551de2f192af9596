using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Raft3D.Node.Api;

/// <summary>
/// Swashbuckle marks every object "additionalProperties: false". Only the requests that refuse a field they do not
/// know (the merge patches and the newer writes, [JsonUnmappedMemberHandling(Disallow)]) do so; the seeds' creates
/// ignore one, for the scripts written against them, and answers gain fields as the API grows. The document says
/// which is which, so that a client generated from it neither sends what is refused nor rejects a new field.
/// </summary>
public sealed class UnmappedMembersSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { AdditionalPropertiesAllowed: false, AdditionalProperties: null } concrete || context.Type is null)
        {
            return;
        }

        var refusesUnknownFields = context.Type.GetCustomAttribute<JsonUnmappedMemberHandlingAttribute>()?.UnmappedMemberHandling == JsonUnmappedMemberHandling.Disallow;
        concrete.AdditionalPropertiesAllowed = !refusesUnknownFields;
    }
}
