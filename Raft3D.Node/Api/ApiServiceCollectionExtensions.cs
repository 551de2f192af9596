using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Formatters;
using Raft3D.Node.Api.Problems;
using Raft3D.Node.Api.Routing;
using Raft3D.Node.Configuration;
using Raft3D.StateMachine.Stock;

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
                json.JsonSerializerOptions.Converters.Add(new UtcTimeJsonConverter());

                // {"id":"a","id":"b"} is refused: which one a parser keeps differs between parsers, so a proxy or a
                // log could see another request than the one applied.
                json.JsonSerializerOptions.AllowDuplicateProperties = false;
            })
            .ConfigureApiBehaviorOptions(api => api.InvalidModelStateResponseFactory = InvalidBodyResponse.Create);

        // PATCH bodies are JSON merge patches (RFC 7396); clients may say so in Content-Type.
        services.PostConfigure<MvcOptions>(mvc => mvc.InputFormatters.OfType<SystemTextJsonInputFormatter>().First()
            .SupportedMediaTypes.Add("application/merge-patch+json"));
        services.AddRaft3DSwagger();
        services.AddSingleton<CommandForwarding>();

        // Read-side only: when a spool shows as low on stock (see StockPolicy).
        services.AddSingleton(provider => new StockPolicy(provider.GetRequiredService<Raft3DOptions>().Stock.DefaultLowStockShare));
        return services;
    }
}
