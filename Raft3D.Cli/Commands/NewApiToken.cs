using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Raft3D.Cli.Commands;

/// <summary>
/// A new API token and what a node is configured with for it: its name, its role and the SHA-256 of its text.
/// The node never holds the token itself, so this is the only moment it exists in clear.
/// </summary>
public sealed partial record NewApiToken(string Name, string Role, string Token, string Sha256)
{
    /// <summary>Marks the text as a Raft3D token, so a secret scanner or a reader can tell what leaked.</summary>
    public const string Prefix = "r3d_";

    public static readonly IReadOnlyList<string> Roles = ["viewer", "operator", "admin"];

    /// <param name="role">viewer, operator or admin.</param>
    /// <param name="name">Who holds it, as logs will say; null: the role and a random suffix.</param>
    /// <exception cref="ArgumentException">An unknown role, or a name that is not 1 to 64 of letters, digits and . _ @ -.</exception>
    public static NewApiToken Create(string role, string? name)
    {
        if (!Roles.Contains(role, StringComparer.Ordinal))
        {
            throw new ArgumentException($"--role must be one of {string.Join(", ", Roles)}; got '{role}'.");
        }

        // The name goes into every log line about this token's requests and into an environment variable's value:
        // keep it to characters that need no quoting anywhere.
        name ??= $"{role}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}";
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"--name must be 1 to 64 letters, digits, '.', '_', '@' or '-'; got '{name}'.");
        }

        // 256 random bits: a token cannot be guessed, so a plain (unsalted) SHA-256 is enough to keep it on the node.
        var token = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return new NewApiToken(name, role, token, HashOf(token));
    }

    /// <summary>What the node compares: SHA-256 over the token's UTF-8 bytes, in lowercase hex.</summary>
    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex NamePattern();
}
