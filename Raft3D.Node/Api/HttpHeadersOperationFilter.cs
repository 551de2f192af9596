using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.OpenApi;
using Raft3D.Node.Api.Idempotency;
using Raft3D.Node.Api.Routing;
using Raft3D.Node.Api.Versions;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Raft3D.Node.Api;

/// <summary>
/// Puts the headers that carry meaning into Swagger, read from what each action already says about itself:
/// If-Match on every write to an existing entity, Idempotency-Key and Idempotent-Replayed (and the 422 of a
/// reused key) on every write, ETag on every single-entity answer, X-Total-Count and Link on every paged farm
/// list, Location on every create, and whatever an action names with <see cref="ResponseHeaderAttribute"/>.
/// Derived, so a new endpoint is documented the moment it is written. Only the farm API (/api/v1): the
/// cluster endpoints have no versions, no keys and no paging.
/// </summary>
public sealed class HttpHeadersOperationFilter : IOperationFilter
{
    /// <summary>
    /// The refusals a kept outcome can be replayed with, besides any success: those the state machine makes. A
    /// problem found before the log (a malformed field, 400) is not kept, so it is never a replay.
    /// </summary>
    private static readonly string[] ReplayableStatuses = ["404", "409", "412"];

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var action = context.ApiDescription.ActionDescriptor as ControllerActionDescriptor;
        var template = context.ApiDescription.RelativePath ?? string.Empty;
        if (!template.StartsWith("api/v1/", StringComparison.Ordinal))
        {
            return;
        }

        var isWrite = context.ApiDescription.HttpMethod is { } method
            && (HttpMethods.IsPost(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method));
        if (action?.MethodInfo.GetCustomAttributes(typeof(ForwardToLeaderAttribute), inherit: true).Length > 0 && template.Contains("{id}", StringComparison.Ordinal))
        {
            AddRequestHeader(operation, "If-Match", "The ETag you read, e.g. \"42\" (W/\"42\" and * accepted). If the entity changed since, 412 version_mismatch and nothing is written.");
        }

        if (isWrite)
        {
            DocumentIdempotency(operation, context);
        }

        var isPaged = context.ApiDescription.ParameterDescriptions.Any(p => p.Name == "limit");
        var named = action?.MethodInfo.GetCustomAttributes<ResponseHeaderAttribute>().ToList() ?? [];
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse writable)
            {
                continue;
            }

            if (isWrite && (status.StartsWith('2') || ReplayableStatuses.Contains(status)))
            {
                AddHeader(writable, IdempotencyHeaders.Replayed, "true when this is the kept answer to an earlier request with the same Idempotency-Key: nothing changed this time.");
            }

            if (!status.StartsWith('2'))
            {
                continue;
            }

            foreach (var header in named)
            {
                AddHeader(writable, header.Name, header.Description);
            }

            var type = context.ApiDescription.SupportedResponseTypes.FirstOrDefault(r => r.StatusCode.ToString(CultureInfo.InvariantCulture) == status)?.Type;
            if (type is not null && typeof(IVersionedResponse).IsAssignableFrom(type))
            {
                AddHeader(writable, "ETag", "The entity's version, quoted: send it back in If-Match.");
                if (status == "201")
                {
                    AddHeader(writable, "Location", "Where the new entity is read.");
                }
            }
            else if (isPaged)
            {
                AddHeader(writable, "X-Total-Count", "How many entities match, on every page.");
                AddHeader(writable, "Link", "With limit: <url>; rel=\"next\" while more pages remain.");
            }
        }
    }

    /// <summary>The key every farm write takes, the 400 for a malformed one, and the 422 for one reused with another request.</summary>
    private static void DocumentIdempotency(OpenApiOperation operation, OperationFilterContext context)
    {
        AddRequestHeader(
            operation,
            IdempotencyHeaders.Key,
            "A key you choose for this request (1 to 128 printable ASCII characters, e.g. a UUID). Retried with the same key, "
            + "through any node and even after a leader change, the request is answered as the first time (Idempotent-Replayed: true) "
            + "and changes nothing. The same key with a different request is 422 idempotency_key_reused.");
        operation.Responses ??= [];
        if (!operation.Responses.TryGetValue("400", out var badRequest))
        {
            operation.Responses["400"] = Problem(context, "validation_failed: a malformed Idempotency-Key.");
        }
        else if (badRequest is OpenApiResponse described && described.Description?.Contains(IdempotencyHeaders.Key, StringComparison.Ordinal) != true)
        {
            described.Description = $"{described.Description?.TrimEnd('.')}; or a malformed Idempotency-Key.";
        }

        if (!operation.Responses.ContainsKey("422"))
        {
            operation.Responses["422"] = Problem(context, "idempotency_key_reused: the Idempotency-Key was used for a different request.");
        }
    }

    private static OpenApiResponse Problem(OperationFilterContext context, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository) },
        },
    };

    private static void AddRequestHeader(OpenApiOperation operation, string name, string description)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Header,
            Required = false,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
    }

    private static void AddHeader(OpenApiResponse response, string name, string description)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
    }
}
