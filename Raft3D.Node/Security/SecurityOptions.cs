namespace Raft3D.Node.Security;

/// <summary>
/// The <c>Raft3D:Security</c> section: who may use the API (tokens with roles), how peers prove they belong to
/// the cluster on the raft channel, TLS, and request limits. Empty, a loopback node runs open as before.
/// </summary>
public sealed class SecurityOptions
{
    /// <summary>
    /// Run open even though a listener binds a non-loopback address. Logged as a warning at every start: for a
    /// private lab network, never for a farm's.
    /// </summary>
    public bool AllowInsecure { get; set; }

    /// <summary>API tokens, each by the SHA-256 of its secret, never the secret itself.</summary>
    public List<ApiTokenOptions> Tokens { get; set; } = [];

    /// <summary>A JSON file holding more tokens (an array of name, role, sha256), read at start.</summary>
    public string? TokensFile { get; set; }

    /// <summary>
    /// The secret every member shares (at least 32 characters). Each raft request, and each API call a node makes on
    /// its own behalf (read index, join), carries an HMAC made with it; requests without a valid one are refused.
    /// </summary>
    public string? ClusterSecret { get; set; }

    /// <summary>A file holding <see cref="ClusterSecret"/> (trimmed), so it need not sit in the configuration.</summary>
    public string? ClusterSecretFile { get; set; }

    public TlsOptions Tls { get; set; } = new();

    public RequestLimitOptions Limits { get; set; } = new();
}
