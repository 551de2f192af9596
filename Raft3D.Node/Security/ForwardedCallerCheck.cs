using Microsoft.AspNetCore.Authorization;
using Raft3D.Node.Api.Problems;
using Raft3D.Node.Peers;

namespace Raft3D.Node.Security;

/// <summary>
/// A leader's own judgement of the caller behind a command a follower forwarded: the caller's Authorization header
/// against this node's token table, and the endpoint's policies under this node's role rules, as if the request had
/// come here directly. The follower's verdict never counts, so a token that is an operator's on a follower but a
/// viewer's here is refused here, as a proxied request is.
/// </summary>
public sealed class ForwardedCallerCheck(ApiTokenRegistry tokens, IAuthorizationService authorization, SecurityAudit audit)
{
    /// <returns>Null when the caller may; else the problem code and detail the caller is answered with.</returns>
    public async Task<(string Code, string Detail)?> RefusalAsync(ForwardedCommand command, string forwardedBy)
    {
        // Without tokens every policy admits everyone (ApiPolicies): nothing to judge, and nothing to spend on it.
        if (!tokens.IsEnabled)
        {
            return null;
        }

        var (user, reason, detail) = TokenAuthenticationHandler.Identify(tokens, command.Authorization);
        if (user is null)
        {
            audit.ForwardedRefused(reason!, StatusCodes.Status401Unauthorized, "anonymous", command.Method, command.Path, forwardedBy);
            return (ProblemCatalog.Unauthorized, detail!);
        }

        // An endpoint that names no policy gets the fallback (a viewer), as it would here.
        foreach (var policy in command.Policies.DefaultIfEmpty(ApiPolicies.Viewer))
        {
            if (!(await authorization.AuthorizeAsync(user, policy)).Succeeded)
            {
                audit.ForwardedRefused(AuthFailureReason.Forbidden, StatusCodes.Status403Forbidden, user.Identity?.Name ?? "anonymous", command.Method, command.Path, forwardedBy);
                return (ProblemCatalog.Forbidden, TokenAuthenticationHandler.ForbiddenDetail(user, command.Method, command.Path));
            }
        }

        return null;
    }
}
