using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Raft3D.Tests.Infrastructure;

/// <summary>
/// A CA and the certificates it issues, made in memory as openssl makes them for run-cluster --tls (P-256,
/// SAN 127.0.0.1 and localhost), and written out as the PEM or PFX files a node's configuration names.
/// </summary>
internal static class TestCertificates
{
    public const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    public const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    public static X509Certificate2 CreateAuthority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    /// <param name="usages">Extended key usage OIDs; a node's certificate has both server and client authentication.</param>
    /// <param name="onlyHost">The one name the certificate is for, instead of 127.0.0.1 and localhost.</param>
    public static X509Certificate2 Issue(X509Certificate2 authority, string name, string[] usages, string? onlyHost = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        if (onlyHost is null)
        {
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
        }
        else
        {
            names.AddDnsName(onlyHost);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([.. usages.Select(u => new Oid(u))], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(12), serial);
        return issued.CopyWithPrivateKey(key);
    }

    public static X509Certificate2 IssueNode(X509Certificate2 authority, string name, string? onlyHost = null)
        => Issue(authority, name, [ServerAuthentication, ClientAuthentication], onlyHost);

    /// <summary>Writes the certificate (and, when a key path is given, its private key) as PEM.</summary>
    public static void WritePem(X509Certificate2 certificate, string certificateFile, string? keyFile = null)
    {
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        if (keyFile is not null)
        {
            File.WriteAllText(keyFile, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        }
    }

    public static void WritePfx(X509Certificate2 certificate, string file, string password)
        => File.WriteAllBytes(file, certificate.Export(X509ContentType.Pkcs12, password));
}
