using Microsoft.AspNetCore.Authorization;
using Raft3D.Node.Peers;

namespace Raft3D.Node.Security;

/// <summary>
/// The three authorization policies, one per role, each admitting the roles above it. With no tokens configured
/// every policy admits everyone: a loopback node stays as open as it always was. A fourth, <see cref="Peer"/>, is
/// for endpoints only members call.
/// </summary>
public static class ApiPolicies
{
    public const string Viewer = ApiRoleNames.Viewer;
    public const string Operator = ApiRoleNames.Operator;
    public const string Admin = ApiRoleNames.Admin;

    /// <summary>Node-to-node endpoints (a follower's batch of forwarded commands): members only, never a client's token.</summary>
    public const string Peer = ApiRoleNames.Peer;

    /// <param name="enabled">Tokens are configured.</param>
    /// <param name="proofConfigured">A cluster secret is configured, so members prove themselves with it.</param>
    public static void Add(AuthorizationOptions authorization, bool enabled, bool proofConfigured)
    {
        // With a cluster secret only the proof admits (an admin's token is a client's, and refused). Without one the
        // node is on loopback or explicitly insecure (protected mode), its whole API open, admin actions included;
        // there the policy only asks that the request names the member that sent it, which keeps a client's
        // mistaken call out but is no security.
        authorization.AddPolicy(Peer, proofConfigured
            ? new AuthorizationPolicyBuilder(TokenAuthenticationHandler.SchemeName).RequireRole(ApiRoleNames.Peer).Build()
            : new AuthorizationPolicyBuilder(TokenAuthenticationHandler.SchemeName)
                .RequireAssertion(static context => context.Resource is HttpContext http && http.Request.Headers.ContainsKey(PeerHeaders.ForwardedBy))
                .Build());

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
