using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Raft3D.Node.Configuration;

namespace Raft3D.Node.Security;

/// <summary>
/// The tokens this node accepts, from configuration and <see cref="SecurityOptions.TokensFile"/>. Only hashes are
/// held: a leaked configuration file or heap dump gives no usable token. Empty means the API is open.
/// </summary>
public sealed class ApiTokenRegistry
{
    private const int HashBytes = 32;
    private static readonly JsonSerializerOptions FileJson = new(JsonSerializerDefaults.Web);
    private readonly IReadOnlyList<ApiToken> tokens;

    private ApiTokenRegistry(IReadOnlyList<ApiToken> tokens) => this.tokens = tokens;

    public bool IsEnabled => tokens.Count > 0;

    public IReadOnlyList<ApiToken> Tokens => tokens;

    /// <exception cref="InvalidConfigurationException">A token is malformed, named twice, or the file cannot be read.</exception>
    public static ApiTokenRegistry Load(SecurityOptions options)
    {
        var configured = options.Tokens.Select((token, i) => (Key: $"Raft3D:Security:Tokens:{i}", Token: token)).ToList();
        if (!string.IsNullOrWhiteSpace(options.TokensFile))
        {
            configured.AddRange(ReadFile(options.TokensFile).Select((token, i) => (Key: $"{options.TokensFile}[{i}]", Token: token)));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var tokens = new List<ApiToken>(configured.Count);
        foreach (var (key, token) in configured)
        {
            Require(!string.IsNullOrWhiteSpace(token.Name), $"{key}:Name is required.");
            Require(names.Add(token.Name), $"Raft3D:Security:Tokens names '{token.Name}' twice.");
            Require(ApiRoleNames.TryParse(token.Role, out var role), $"{key}:Role must be viewer, operator or admin; got '{token.Role}'.");
            Require(
                token.Sha256.Length == 2 * HashBytes && token.Sha256.All(char.IsAsciiHexDigit),
                $"{key}:Sha256 must be the 64 hex digits of the token's SHA-256 (raft3d token new prints it).");
            tokens.Add(new ApiToken(token.Name, role, Convert.FromHexString(token.Sha256)));
        }

        return new ApiTokenRegistry(tokens);
    }

    /// <summary>
    /// The token whose hash matches. Every configured hash is compared, in constant time, whatever matches
    /// first: how long this takes says nothing about which token, or how much of one, was right.
    /// </summary>
    public ApiToken? Find(string presented)
    {
        Span<byte> hash = stackalloc byte[HashBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), hash);
        ApiToken? found = null;
        foreach (var token in tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, token.Hash))
            {
                found = token;
            }
        }

        return found;
    }

    private static List<ApiTokenOptions> ReadFile(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<List<ApiTokenOptions>>(File.ReadAllText(path), FileJson)
                ?? throw new InvalidConfigurationException($"Raft3D:Security:TokensFile '{path}' holds no tokens.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new InvalidConfigurationException($"Raft3D:Security:TokensFile '{path}' cannot be read: {e.Message}");
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidConfigurationException(message);
        }
    }
}
