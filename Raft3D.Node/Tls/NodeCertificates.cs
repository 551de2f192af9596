using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Raft3D.Node.Configuration;
using Raft3D.Node.Security;

namespace Raft3D.Node.Tls;

/// <summary>
/// The TLS material a node runs with, read once at start from <c>Raft3D:Security:Tls</c>: the certificate both
/// listeners present when their URL is https (and the raft client presents to peers that ask for one), and the
/// cluster's CA, the only root this node trusts for its peers when it is configured.
/// </summary>
public sealed class NodeCertificates
{
    private const string Section = "Raft3D:Security:Tls";

    private readonly Lazy<SslStreamCertificateContext?> context;

    private NodeCertificates(X509Certificate2? certificate, X509Certificate2Collection intermediates, X509Certificate2Collection authority, bool requireClientCertificate)
    {
        Certificate = certificate;
        Intermediates = intermediates;
        Authority = authority;
        RequireClientCertificate = requireClientCertificate;

        // Built once: each handshake then reuses the chain instead of building it again.
        context = new(() => certificate is null ? null : SslStreamCertificateContext.Create(certificate, intermediates, offline: true));
    }

    /// <summary>This node's certificate with its private key; null when none is configured.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>Certificates between <see cref="Certificate"/> and its root, sent along with it.</summary>
    public X509Certificate2Collection Intermediates { get; }

    /// <summary>The cluster's CA; empty when none is configured, and then the operating system's roots decide.</summary>
    public X509Certificate2Collection Authority { get; }

    /// <summary>The raft listener asks peers for a certificate issued by <see cref="Authority"/>.</summary>
    public bool RequireClientCertificate { get; }

    /// <summary><see cref="Certificate"/> with its chain, as the client side of a handshake presents it.</summary>
    public SslStreamCertificateContext? CertificateContext => context.Value;

    /// <summary>Reads and checks the TLS settings against the node's URLs.</summary>
    /// <exception cref="InvalidConfigurationException">A file is missing or unreadable, or the settings cannot serve the URLs.</exception>
    public static NodeCertificates Load(Raft3DOptions options)
    {
        var tls = options.Security.Tls;
        var (certificate, intermediates) = ReadCertificate(tls);
        foreach (var (key, url) in new[] { ("Raft3D:HttpUrl", options.HttpUrl), ("Raft3D:RaftUrl", options.RaftUrl) })
        {
            Require(
                certificate is not null || !IsHttps(url),
                $"{key} '{url}' is https but {Section} names no certificate: set {Section}:CertificateFile and KeyFile, or {Section}:PfxFile.");
        }

        if (tls.RequireClientCertificate)
        {
            Require(IsHttps(options.RaftUrl), $"{Section}:RequireClientCertificate needs an https Raft3D:RaftUrl; it is '{options.RaftUrl}'.");
            Require(!string.IsNullOrWhiteSpace(tls.CaFile), $"{Section}:RequireClientCertificate needs {Section}:CaFile, the CA peers' certificates must be issued by.");
        }

        var authority = string.IsNullOrWhiteSpace(tls.CaFile) ? [] : CertificateFiles.ReadAuthority($"{Section}:CaFile", tls.CaFile);
        return new NodeCertificates(certificate, intermediates, authority, tls.RequireClientCertificate);
    }

    private static (X509Certificate2? Leaf, X509Certificate2Collection Intermediates) ReadCertificate(TlsOptions tls)
    {
        var pem = !string.IsNullOrWhiteSpace(tls.CertificateFile);
        var pfx = !string.IsNullOrWhiteSpace(tls.PfxFile);
        Require(!(pem && pfx), $"{Section} names both CertificateFile and PfxFile; set one of them.");
        Require(pem || string.IsNullOrWhiteSpace(tls.KeyFile), $"{Section}:KeyFile '{tls.KeyFile}' is set without {Section}:CertificateFile.");
        if (pem)
        {
            var keyFile = string.IsNullOrWhiteSpace(tls.KeyFile) ? null : tls.KeyFile;
            return CertificateFiles.ReadPem($"{Section}:CertificateFile", tls.CertificateFile!, $"{Section}:KeyFile", keyFile);
        }

        if (pfx)
        {
            return CertificateFiles.ReadPfx($"{Section}:PfxFile", tls.PfxFile!, tls.PfxPassword);
        }

        return (null, []);
    }

    private static bool IsHttps(string url) => url.StartsWith("https:", StringComparison.OrdinalIgnoreCase);

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidConfigurationException(message);
        }
    }
}
