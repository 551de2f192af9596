using System.Net;
using Raft3D.Node.Configuration;

namespace Raft3D.Node.Security;

/// <summary>
/// Like Redis's protected mode: a node reachable from other machines must not start open. Bound only to loopback
/// it may (the README's walk-through and the seeds' scripts run that way); bound to anything else it needs API
/// tokens and a raft proof of membership, or an explicit <see cref="SecurityOptions.AllowInsecure"/>.
/// </summary>
public static class ProtectedMode
{
    /// <exception cref="InvalidConfigurationException">A non-loopback listener without auth, or tokens without a cluster secret.</exception>
    public static void Check(Raft3DOptions options, ApiTokenRegistry tokens, ClusterProof? proof)
    {
        var security = options.Security;
        if (tokens.IsEnabled && proof is null)
        {
            throw new InvalidConfigurationException(
                "Raft3D:Security:Tokens is set, so Raft3D:Security:ClusterSecret (or ClusterSecretFile) is required too: nodes prove themselves to each other's API with it.");
        }

        var exposed = Exposed(options);
        var missing = Missing(options, tokens, proof);
        if (exposed.Count > 0 && missing.Count > 0 && !security.AllowInsecure)
        {
            throw new InvalidConfigurationException(
                $"protected mode: {string.Join(" and ", exposed)} is not loopback, so set {string.Join(" and ", missing)}, or Raft3D:Security:AllowInsecure=true to run open anyway.");
        }
    }

    /// <summary>True when this node reaches beyond loopback without full protection because AllowInsecure says so.</summary>
    public static bool IsInsecureOverride(Raft3DOptions options, ApiTokenRegistry tokens, ClusterProof? proof)
        => options.Security.AllowInsecure && Exposed(options).Count > 0 && Missing(options, tokens, proof).Count > 0;

    /// <summary>True when the node listens on loopback only, so no other machine can reach it.</summary>
    public static bool IsLoopback(string url)
    {
        var host = new Uri(url).Host;
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }

    private static List<string> Exposed(Raft3DOptions options)
        => [.. new[] { ("Raft3D:HttpUrl", options.HttpUrl), ("Raft3D:RaftUrl", options.RaftUrl) }
            .Where(listener => !IsLoopback(listener.Item2))
            .Select(listener => $"{listener.Item1} {listener.Item2}")];

    private static List<string> Missing(Raft3DOptions options, ApiTokenRegistry tokens, ClusterProof? proof)
    {
        var missing = new List<string>();
        if (!tokens.IsEnabled)
        {
            missing.Add("Raft3D:Security:Tokens (or TokensFile)");
        }

        if (proof is null && !options.Security.Tls.RequireClientCertificate)
        {
            missing.Add("Raft3D:Security:ClusterSecret (or ClusterSecretFile, or Tls:RequireClientCertificate)");
        }

        return missing;
    }
}
