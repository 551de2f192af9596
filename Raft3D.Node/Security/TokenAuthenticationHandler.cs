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
    /// <summary>WWW-Authenticate for a request without credentials.</summary>
    public const string MissingTokenChallenge = "Bearer realm=\"raft3d\"";

    /// <summary>WWW-Authenticate for credentials this node does not accept.</summary>
    public const string InvalidTokenChallenge = "Bearer realm=\"raft3d\", error=\"invalid_token\"";

    private const string MissingTokenDetail = "This node requires a token: send Authorization: Bearer <token> (the CLI takes --token or RAFT3D_TOKEN).";

    /// <summary>
    /// Who an Authorization header names by <paramref name="tokens"/>: the caller, or why not (a reason from
    /// <see cref="AuthFailureReason"/> and the detail the caller is told). Also how a leader judges the credentials
    /// a forwarded command carries.
    /// </summary>
    public static (ClaimsPrincipal? User, string? Reason, string? Detail) Identify(ApiTokenRegistry tokens, string authorization)
    {
        if (authorization.Length == 0)
        {
            return (null, AuthFailureReason.MissingToken, MissingTokenDetail);
        }

        if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return (null, AuthFailureReason.MalformedAuthorization, "Authorization must be 'Bearer <token>'.");
        }

        return tokens.Find(authorization[BearerPrefix.Length..].Trim()) is { } token
            ? (Principal(token.Name, token.Role), null, null)
            : (null, AuthFailureReason.InvalidToken, "The token is not one this node knows.");
    }

    /// <summary>What a client is told that called a members-only endpoint of a node without tokens.</summary>
    public static string MembersOnlyDetail(string path)
        => $"Only the cluster's members may call {path}: they prove membership with the cluster secret or a member certificate.";

    /// <summary>What a caller whose role does not reach the endpoint's policy is told.</summary>
    public static string ForbiddenDetail(ClaimsPrincipal user, string method, string path)
        => $"The token '{user.Identity?.Name}' has role {user.FindFirstValue(ClaimTypes.Role) ?? "none"}, which may not {method} {path}.";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!tokens.IsEnabled)
        {
            // Open API: only a member's own call is told apart, so that members-only endpoints know it.
            return Task.FromResult(Request.Headers.ContainsKey(ClusterProof.HeaderName) && proof?.Verify(Request) is { } peer
                ? Success($"peer:{peer}", ApiRole.Admin, ApiRoleNames.Peer)
                : AuthenticateResult.NoResult());
        }

        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            var (user, reason, detail) = Identify(tokens, authorization);
            return Task.FromResult(user is not null ? Success(user) : Fail(reason!, detail!));
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
            ? MissingTokenChallenge
            : InvalidTokenChallenge;
        // An open API challenges only at members-only endpoints, where no token would help.
        var missing = tokens.IsEnabled ? MissingTokenDetail : MembersOnlyDetail(Request.Path);
        var detail = reason == AuthFailureReason.MissingToken
            ? missing
            : Context.Items[FailureDetailKey] as string ?? "The credentials were not accepted.";
        await ProblemWriter.WriteAsync(Context, ProblemCatalog.Unauthorized, detail);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        audit.ApiRefused(Context, AuthFailureReason.Forbidden, StatusCodes.Status403Forbidden);
        await ProblemWriter.WriteAsync(Context, ProblemCatalog.Forbidden, ForbiddenDetail(Context.User, Request.Method, Request.Path));
    }

    /// <param name="extraRole">A role beyond the three, e.g. <see cref="ApiRoleNames.Peer"/> for a member's own calls.</param>
    private static AuthenticateResult Success(string name, ApiRole role, string? extraRole = null) => Success(Principal(name, role, extraRole));

    private static AuthenticateResult Success(ClaimsPrincipal user) => AuthenticateResult.Success(new AuthenticationTicket(user, SchemeName));

    private static ClaimsPrincipal Principal(string name, ApiRole role, string? extraRole = null)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, ApiRoleNames.Of(role))], SchemeName);
        if (extraRole is not null)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, extraRole));
        }

        return new ClaimsPrincipal(identity);
    }

    private AuthenticateResult Fail(string reason, string message)
    {
        Context.Items[FailureReasonKey] = reason;
        Context.Items[FailureDetailKey] = message;
        return AuthenticateResult.Fail(message);
    }
}
