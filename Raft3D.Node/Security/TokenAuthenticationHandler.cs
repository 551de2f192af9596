using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Raft3D.Node.Api.Problems;

namespace Raft3D.Node.Security;

/// <summary>
/// The API's one authentication scheme. A client shows <c>Authorization: Bearer &lt;token&gt;</c> and acts with its
/// token's role; a node acting on its own behalf (read index, join, relaying a removal) shows the cluster proof
/// and acts as admin, since whoever holds the cluster secret can already speak Raft. A request with a token is
/// judged by the token alone, so a forwarded write keeps its caller's rights and never gains the follower's.
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiTokenRegistry tokens,
    SecurityAudit audit,
    ClusterProof? proof = null)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Raft3D";
    private const string BearerPrefix = "Bearer ";
    private const string FailureReasonKey = "raft3d.auth-failure";
    private const string FailureDetailKey = "raft3d.auth-failure-detail";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!tokens.IsEnabled)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            {
                return Task.FromResult(Fail(AuthFailureReason.MalformedAuthorization, "Authorization must be 'Bearer <token>'."));
            }

            return Task.FromResult(tokens.Find(authorization[BearerPrefix.Length..].Trim()) is { } token
                ? Success(token.Name, token.Role)
                : Fail(AuthFailureReason.InvalidToken, "The token is not one this node knows."));
        }

        if (Request.Headers.ContainsKey(ClusterProof.HeaderName))
        {
            return Task.FromResult(proof?.Verify(Request) is { } node
                ? Success($"peer:{node}", ApiRole.Admin, ApiRoleNames.Peer)
                : Fail(AuthFailureReason.InvalidProof, "The cluster proof is missing its secret, stale or false."));
        }

        return Task.FromResult(AuthenticateResult.NoResult());
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var reason = Context.Items[FailureReasonKey] as string ?? AuthFailureReason.MissingToken;
        audit.ApiRefused(Context, reason, StatusCodes.Status401Unauthorized);
        Response.Headers[HeaderNames.WWWAuthenticate] = reason == AuthFailureReason.MissingToken
            ? "Bearer realm=\"raft3d\""
            : "Bearer realm=\"raft3d\", error=\"invalid_token\"";
        var detail = reason == AuthFailureReason.MissingToken
            ? "This node requires a token: send Authorization: Bearer <token> (the CLI takes --token or RAFT3D_TOKEN)."
            : Context.Items[FailureDetailKey] as string ?? "The credentials were not accepted.";
        await ProblemWriter.WriteAsync(Context, ProblemCatalog.Unauthorized, detail);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        audit.ApiRefused(Context, AuthFailureReason.Forbidden, StatusCodes.Status403Forbidden);
        var role = Context.User.FindFirstValue(ClaimTypes.Role) ?? "none";
        await ProblemWriter.WriteAsync(
            Context,
            ProblemCatalog.Forbidden,
            $"The token '{Context.User.Identity?.Name}' has role {role}, which may not {Request.Method} {Request.Path}.");
    }

    /// <param name="extraRole">A role beyond the three, e.g. <see cref="ApiRoleNames.Peer"/> for a member's own calls.</param>
    private static AuthenticateResult Success(string name, ApiRole role, string? extraRole = null)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, ApiRoleNames.Of(role))], SchemeName);
        if (extraRole is not null)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, extraRole));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private AuthenticateResult Fail(string reason, string message)
    {
        Context.Items[FailureReasonKey] = reason;
        Context.Items[FailureDetailKey] = message;
        return AuthenticateResult.Fail(message);
    }
}
