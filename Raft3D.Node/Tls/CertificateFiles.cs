using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Raft3D.Node.Configuration;

namespace Raft3D.Node.Tls;

/// <summary>
/// Reads the certificate files named in <c>Raft3D:Security:Tls</c>. Every failure is an
/// <see cref="InvalidConfigurationException"/> naming the key and the path, so a node with a missing or wrong file
/// refuses to start in one line instead of failing its first handshake minutes later.
/// </summary>
internal static class CertificateFiles
{
    /// <summary>The leaf (with its private key) and the intermediates after it in a PEM certificate file.</summary>
    /// <param name="keyFile">Null when the private key is in <paramref name="certificateFile"/> itself.</param>
    public static (X509Certificate2 Leaf, X509Certificate2Collection Intermediates) ReadPem(string certificateKey, string certificateFile, string keyKey, string? keyFile)
    {
        var certificatePem = ReadText(certificateKey, certificateFile);
        var keyPem = keyFile is null ? certificatePem : ReadText(keyKey, keyFile);
        var all = new X509Certificate2Collection();
        X509Certificate2 leaf;
        try
        {
            all.ImportFromPem(certificatePem);
            leaf = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // ArgumentException: a key that belongs to another certificate.
            var source = keyFile is null ? $"{certificateKey} '{certificateFile}'" : $"{certificateKey} '{certificateFile}' with {keyKey} '{keyFile}'";
            throw Invalid($"{source} is not a PEM certificate and its private key: {e.Message}");
        }

        return (Portable(leaf), Without(all, leaf));
    }

    /// <summary>The certificate that has a private key in a PFX (PKCS#12) file, and the others in it as intermediates.</summary>
    public static (X509Certificate2 Leaf, X509Certificate2Collection Intermediates) ReadPfx(string key, string path, string? password)
    {
        var bytes = Read(key, path, File.ReadAllBytes);
        X509Certificate2Collection all;
        try
        {
            all = X509CertificateLoader.LoadPkcs12Collection(bytes, password);
        }
        catch (CryptographicException e)
        {
            throw Invalid($"{key} '{path}' cannot be opened (wrong PfxPassword, or not a PFX file): {e.Message}");
        }

        var leaf = all.FirstOrDefault(c => c.HasPrivateKey) ?? throw Invalid($"{key} '{path}' holds no certificate with a private key.");
        return (leaf, Without(all, leaf));
    }

    /// <summary>Every certificate in a PEM file: the roots this node trusts for its peers.</summary>
    public static X509Certificate2Collection ReadAuthority(string key, string path)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPem(ReadText(key, path));
        }
        catch (CryptographicException e)
        {
            throw Invalid($"{key} '{path}' is not a PEM certificate: {e.Message}");
        }

        return roots.Count > 0 ? roots : throw Invalid($"{key} '{path}' holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
    }

    private static string ReadText(string key, string path) => Read(key, path, File.ReadAllText);

    private static T Read<T>(string key, string path, Func<string, T> read)
    {
        try
        {
            return read(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw Invalid($"{key} '{path}' does not exist.");
        }
        catch (UnauthorizedAccessException)
        {
            throw Invalid($"{key} '{path}' cannot be read by this user.");
        }
        catch (IOException e)
        {
            throw Invalid($"{key} '{path}' cannot be read: {e.Message}");
        }
    }

    /// <summary>
    /// Windows' TLS stack cannot use a key that lives only in memory, as a PEM key does; a round trip through
    /// PKCS#12 gives it a stored one (Kestrel's own PEM loading does the same). Elsewhere the key is used as is.
    /// </summary>
    private static X509Certificate2 Portable(X509Certificate2 certificate)
    {
        if (!OperatingSystem.IsWindows())
        {
            return certificate;
        }

        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
        }
    }

    private static X509Certificate2Collection Without(X509Certificate2Collection all, X509Certificate2 leaf)
        => [.. all.Where(c => c.Thumbprint != leaf.Thumbprint)];

    private static InvalidConfigurationException Invalid(string message) => new(message.ReplaceLineEndings(" "));
}
