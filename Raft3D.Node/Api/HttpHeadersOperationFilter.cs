using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.OpenApi;
using Raft3D.Node.Api.Routing;
using Raft3D.Node.Api.Versions;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Raft3D.Node.Api;

/// <summary>
/// Puts the headers that carry meaning into Swagger, read from what each action already says about itself:
/// If-Match on every write to an existing entity, ETag on every single-entity answer, X-Total-Count and Link on
/// every farm list, Location on every create. Derived, so a new endpoint is documented the moment it is
/// written. Only the farm API (/api/v1): the cluster endpoints have no versions and no paging.
/// </summary>
public sealed class HttpHeadersOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var action = context.ApiDescription.ActionDescriptor as ControllerActionDescriptor;
        var template = context.ApiDescription.RelativePath ?? string.Empty;
        if (!template.StartsWith("api/v1/", StringComparison.Ordinal))
        {
            return;
        }

        if (action?.MethodInfo.GetCustomAttributes(typeof(ForwardToLeaderAttribute), inherit: true).Length > 0 && template.Contains("{id}", StringComparison.Ordinal))
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = false,
                Description = "The ETag you read, e.g. \"42\" (W/\"42\" and * accepted). If the entity changed since, 412 version_mismatch and nothing is written.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (!status.StartsWith('2') || response is not OpenApiResponse writable)
            {
                continue;
            }

            var type = context.ApiDescription.SupportedResponseTypes.FirstOrDefault(r => r.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) == status)?.Type;
            if (type is not null && typeof(IVersionedResponse).IsAssignableFrom(type))
            {
                AddHeader(writable, "ETag", "The entity's version, quoted: send it back in If-Match.");
                if (status == "201")
                {
                    AddHeader(writable, "Location", "Where the new entity is read.");
                }
            }
            else if (type is not null && type.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
            {
                AddHeader(writable, "X-Total-Count", "How many entities match, on every page.");
                AddHeader(writable, "Link", "With limit: <url>; rel=\"next\" while more pages remain.");
            }
        }
    }

    private static void AddHeader(OpenApiResponse response, string name, string description)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
    }
}
