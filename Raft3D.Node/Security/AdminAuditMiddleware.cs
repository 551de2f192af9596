using Microsoft.AspNetCore.Authorization;

namespace Raft3D.Node.Security;

/// <summary>Logs every request to an admin endpoint once it is answered: who, what, from where, with what outcome.</summary>
public sealed class AdminAuditMiddleware(RequestDelegate next, SecurityAudit audit)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var isAdmin = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(data => data.Policy == ApiPolicies.Admin) == true;
        try
        {
            await next(context);
        }
        finally
        {
            if (isAdmin)
            {
                audit.AdminAction(context);
            }
        }
    }
}
