namespace Raft3D.Node.Security;

/// <summary>One API token as configured: who it is, what it may do, and the SHA-256 of its secret (hex).</summary>
public sealed class ApiTokenOptions
{
    /// <summary>Shown in logs and used for rate limiting; never the secret.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary><c>viewer</c>, <c>operator</c> or <c>admin</c>.</summary>
    public string Role { get; set; } = string.Empty;

    /// <summary>Lowercase or uppercase hex of SHA-256 over the token's UTF-8 bytes (64 characters).</summary>
    public string Sha256 { get; set; } = string.Empty;
}
