namespace Raft3D.Node.Security;

/// <summary>
/// Stands before DotNext's raft handler: a request without proof of membership (a client certificate Kestrel
/// validated against the cluster CA, or a valid cluster-secret HMAC) gets 401 and never reaches Raft, so a forged
/// vote request cannot move this node's term or depose its leader. Absent when neither is configured (loopback).
/// </summary>
public sealed class RaftChannelGuard(RequestDelegate next, TlsOptions tls, SecurityAudit audit, ClusterProof? proof = null)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var provenByCertificate = tls.RequireClientCertificate && context.Connection.ClientCertificate is not null;
        if (provenByCertificate || proof?.Verify(context.Request) is not null)
        {
            await next(context);
            return;
        }

        audit.RaftRefused(context);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
    }
}
