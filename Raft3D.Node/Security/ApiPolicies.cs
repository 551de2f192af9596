using Microsoft.AspNetCore.Authorization;

namespace Raft3D.Node.Security;

/// <summary>
/// The three authorization policies, one per role, each admitting the roles above it. With no tokens configured
/// every policy admits everyone: a loopback node stays as open as it always was.
/// </summary>
public static class ApiPolicies
{
    public const string Viewer = ApiRoleNames.Viewer;
    public const string Operator = ApiRoleNames.Operator;
    public const string Admin = ApiRoleNames.Admin;

    public static void Add(AuthorizationOptions authorization, bool enabled)
    {
        authorization.AddPolicy(Viewer, Build(enabled, ApiRoleNames.Viewer, ApiRoleNames.Operator, ApiRoleNames.Admin));
        authorization.AddPolicy(Operator, Build(enabled, ApiRoleNames.Operator, ApiRoleNames.Admin));
        authorization.AddPolicy(Admin, Build(enabled, ApiRoleNames.Admin));

        // An endpoint nobody marked (a new one, a 404) needs at least a viewer, rather than nothing.
        authorization.FallbackPolicy = authorization.GetPolicy(Viewer);
    }

    private static AuthorizationPolicy Build(bool enabled, params string[] roles)
    {
        var policy = new AuthorizationPolicyBuilder(TokenAuthenticationHandler.SchemeName);
        return enabled
            ? policy.RequireAuthenticatedUser().RequireRole(roles).Build()
            : policy.RequireAssertion(static _ => true).Build();
    }
}
