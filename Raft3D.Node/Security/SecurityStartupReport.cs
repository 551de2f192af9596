using Raft3D.Node.Configuration;

namespace Raft3D.Node.Security;

/// <summary>Says at every start what protects this node, and warns loudly when an operator chose to run it open.</summary>
public sealed partial class SecurityStartupReport(Raft3DOptions options, ApiTokenRegistry tokens, ILogger<SecurityStartupReport> logger, ClusterProof? proof = null)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (ProtectedMode.IsInsecureOverride(options, tokens, proof))
        {
            LogInsecure(options.HttpUrl, options.RaftUrl);
        }

        var raft = (proof is not null, options.Security.Tls.RequireClientCertificate) switch
        {
            (true, true) => "cluster secret or client certificate",
            (true, false) => "cluster secret",
            (false, true) => "client certificate",
            _ => "open",
        };
        var api = tokens.IsEnabled
            ? "tokens (" + string.Join(", ", tokens.Tokens.GroupBy(token => token.Role).OrderBy(group => group.Key).Select(group => $"{group.Count()} {ApiRoleNames.Of(group.Key)}")) + ")"
            : "open";
        LogProtection(api, raft);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Raft3D:Security:AllowInsecure=true: {HttpUrl} / {RaftUrl} reach beyond loopback and anyone who can reach them may read, change or remove this cluster")]
    private partial void LogInsecure(string httpUrl, string raftUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "API access: {Api}; raft channel: {Raft}")]
    private partial void LogProtection(string api, string raft);
}
