using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Raft3D.Tests.Security;

/// <summary>One token per role and a cluster secret, fresh for each cluster, as a node's command-line settings.</summary>
internal sealed class TestTokens
{
    public string Viewer { get; } = NewToken();

    public string Operator { get; } = NewToken();

    public string Admin { get; } = NewToken();

    public string ClusterSecret { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(33));

    public static string NewToken() => "r3d_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    public static string Sha256Hex(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The settings every node of the cluster gets: the three tokens and the shared secret.</summary>
    public string[] Settings() =>
    [
        .. Token(0, "viewer-1", "viewer", Viewer),
        .. Token(1, "operator-1", "operator", Operator),
        .. Token(2, "admin-1", "admin", Admin),
        $"--Raft3D:Security:ClusterSecret={ClusterSecret}",
    ];

    public static string[] Token(int index, string name, string role, string token) =>
    [
        $"--Raft3D:Security:Tokens:{index}:Name={name}",
        $"--Raft3D:Security:Tokens:{index}:Role={role}",
        $"--Raft3D:Security:Tokens:{index}:Sha256={Sha256Hex(token)}",
    ];

    public static HttpClient Client(string apiUrl, string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri(apiUrl), Timeout = TimeSpan.FromSeconds(15) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}
