using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Raft3D.Node.Configuration;

namespace Raft3D.Node.Security;

/// <summary>Tokens, the cluster proof and ASP.NET Core's authentication and authorization, from <see cref="SecurityOptions"/>.</summary>
public static class SecurityServiceCollectionExtensions
{
    /// <exception cref="InvalidConfigurationException">The security settings cannot run a node; checked now, before anything starts.</exception>
    public static IServiceCollection AddRaft3DSecurity(this IServiceCollection services, Raft3DOptions options)
    {
        var tokens = ApiTokenRegistry.Load(options.Security);
        var proof = ClusterProof.Load(options);
        ProtectedMode.Check(options, tokens, proof);

        services.AddSingleton(tokens);
        services.AddSingleton(options.Security.Tls);
        if (proof is not null)
        {
            services.AddSingleton(proof);
        }

        services.AddSingleton<SecurityAudit>();
        services.AddSingleton<ForwardedCallerCheck>();
        services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(authorization => ApiPolicies.Add(authorization, tokens.IsEnabled, proof is not null));
        services.Configure<MvcOptions>(mvc => mvc.Conventions.Add(new RoleByMethodConvention()));
        services.AddHostedService<SecurityStartupReport>();
        return services;
    }
}
