using Microsoft.OpenApi;

namespace Raft3D.Node.Api;

/// <summary>Swagger UI at /swagger on every node, fed by the controllers' XML comments.</summary>
public static class SwaggerServiceCollectionExtensions
{
    private const string BearerScheme = "bearer";

    public static IServiceCollection AddRaft3DSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Raft3D",
                Version = "v1",
                Description = "A 3D-print farm (printers, filament spools, print jobs) replicated with Raft. "
                    + "Write to any node: followers forward writes to the leader. Reads are linearizable unless ?consistency=local. "
                    + "Errors are application/problem+json with a stable 'code'.",
            });
            var xml = Path.Combine(AppContext.BaseDirectory, "Raft3D.Node.xml");
            if (File.Exists(xml))
            {
                swagger.IncludeXmlComments(xml);
            }

            // Lets Swagger UI's Authorize button send a token to a node that requires one (see the README's security section).
            swagger.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API token (raft3d token new). Needed only when the node has tokens configured.",
            });
            swagger.AddSecurityRequirement(document => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] });

            // After the XML comments, so it adds to the response descriptions they write rather than being overwritten.
            swagger.OperationFilter<HttpHeadersOperationFilter>();

            // additionalProperties: false only on the requests that refuse a field they do not know.
            swagger.SchemaFilter<UnmappedMembersSchemaFilter>();
        });
        return services;
    }
}
