using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Raft3D.Node.Tls;

/// <summary>
/// How a node judges its peers' certificates when the cluster has its own CA: the chain must end at that CA (and
/// only that CA; the operating system's roots play no part), and the certificate must be meant for its use
/// (serverAuth for a listener, clientAuth for a peer proving itself on the raft listener).
/// </summary>
public static class ClusterTrust
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    /// <summary>
    /// The chain policy for the servers this node connects to. The TLS stack still checks that the certificate
    /// names the host in the URL; this only replaces the roots it is checked against.
    /// </summary>
    public static X509ChainPolicy ForServers(X509Certificate2Collection authority) => Policy(authority, ServerAuthentication);

    /// <summary>
    /// Whether a client certificate a peer presented chains to <paramref name="authority"/> and allows client
    /// authentication. <paramref name="presented"/> is the chain the TLS stack built, whose other elements are the
    /// intermediates the peer sent.
    /// </summary>
    public static bool IsIssuedToMember(X509Certificate2 certificate, X509Chain? presented, X509Certificate2Collection authority)
    {
        using var chain = new X509Chain { ChainPolicy = Policy(authority, ClientAuthentication) };
        foreach (var element in presented?.ChainElements.Skip(1) ?? [])
        {
            chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }

        try
        {
            return chain.Build(certificate);
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                element.Certificate.Dispose();
            }
        }
    }

    /// <remarks>
    /// No revocation check: a cluster's own CA publishes no revocation list, and an online check would stall each
    /// handshake waiting for one. To revoke a node, reissue the others' certificates from a new CA.
    /// </remarks>
    private static X509ChainPolicy Policy(X509Certificate2Collection authority, Oid usage)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(authority);
        policy.ApplicationPolicy.Add(usage);
        return policy;
    }
}
