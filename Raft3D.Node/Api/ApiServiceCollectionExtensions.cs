using System.Text.Json;
using Raft3D.Node.Api.Problems;

namespace Raft3D.Node.Api;

/// <summary>The HTTP side's services: controllers with the seeds' snake_case JSON, problems for every error, Swagger.</summary>
public static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddRaft3DApi(this IServiceCollection services)
    {
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = ProblemCatalog.AddMissingCode);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddRouting();
        services
            .AddControllers()
            // Named explicitly: in-process tests host the node from another entry assembly.
            .AddApplicationPart(typeof(ApiServiceCollectionExtensions).Assembly)
            .AddJsonOptions(json =>
            {
                json.JsonSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
                json.JsonSerializerOptions.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
            })
            .ConfigureApiBehaviorOptions(api => api.InvalidModelStateResponseFactory = InvalidBodyResponse.Create);
        services.AddRaft3DSwagger();
        return services;
    }
}
