using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Raft3D.Client;

/// <summary>
/// Trust in the CAs of one PEM file instead of the system's roots, for nodes whose certificates a farm's own CA
/// issued (run-cluster.sh --tls makes one). Only the root changes: the chain, the validity dates and the host name
/// are still checked by the TLS stack, as for any https site.
/// </summary>
internal static class CustomRootTrust
{
    /// <exception cref="ArgumentException">The file cannot be read or holds no certificate.</exception>
    public static X509ChainPolicy FromPemFile(string path)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new ArgumentException($"The CA certificate file '{path}' cannot be read: {e.Message}", e);
        }

        if (roots.Count == 0)
        {
            throw new ArgumentException($"The CA certificate file '{path}' holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
        }

        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,

            // A farm's private CA publishes no revocation list, and asking for one would fail every chain; the trust
            // is in the file the operator named, and a compromised node certificate is answered by a new CA.
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(roots);
        return policy;
    }
}
