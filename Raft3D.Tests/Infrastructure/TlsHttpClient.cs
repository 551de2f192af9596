using System.Security.Cryptography.X509Certificates;

namespace Raft3D.Tests.Infrastructure;

/// <summary>
/// An HttpClient that trusts only the given CA (not the machine's roots), with the host name still checked, as a
/// user who ran <c>curl --cacert ca.crt</c> would; optionally presenting a client certificate.
/// </summary>
internal static class TlsHttpClient
{
    public static HttpClient TrustingOnly(string caFile, Uri baseAddress, X509Certificate2? clientCertificate = null)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.ImportFromPemFile(caFile);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.CertificateChainPolicy = policy;
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }

        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(15) };
    }
}
