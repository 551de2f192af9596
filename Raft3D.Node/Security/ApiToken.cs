namespace Raft3D.Node.Security;

/// <summary>A configured token: its name and role, and the SHA-256 of its secret (32 bytes).</summary>
public sealed record ApiToken(string Name, ApiRole Role, byte[] Hash);
