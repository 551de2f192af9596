namespace Raft3D.Node.Security;

/// <summary>
/// The <c>Raft3D:Security:Tls</c> section: the certificate both listeners present when their URL is https, and
/// the CA this node trusts for its peers.
/// </summary>
public sealed class TlsOptions
{
    /// <summary>PEM certificate (chain) file; with <see cref="KeyFile"/>.</summary>
    public string? CertificateFile { get; set; }

    /// <summary>PEM private key file for <see cref="CertificateFile"/>; unset when the key is in that file too.</summary>
    public string? KeyFile { get; set; }

    /// <summary>A PFX (PKCS#12) file instead of the PEM pair.</summary>
    public string? PfxFile { get; set; }

    public string? PfxPassword { get; set; }

    /// <summary>
    /// The cluster's CA (PEM): peers' and the leader's certificates must chain to it, and to nothing else. Unset,
    /// the operating system's trusted roots decide.
    /// </summary>
    public string? CaFile { get; set; }

    /// <summary>
    /// Mutual TLS on the raft listener: peers must present a client certificate issued by <see cref="CaFile"/>,
    /// and this node presents its own to them. Proof of membership in place of, or beside, the cluster secret.
    /// Needs an https raft URL and <see cref="CaFile"/>.
    /// </summary>
    public bool RequireClientCertificate { get; set; }
}
