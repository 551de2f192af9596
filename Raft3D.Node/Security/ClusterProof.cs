using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Raft3D.Node.Configuration;

namespace Raft3D.Node.Security;

/// <summary>
/// Proof that a request comes from a member of this cluster: an HMAC-SHA256, keyed with the cluster secret, over
/// the method, the request target, a timestamp, the sender's node id and every header DotNext's protocol reads
/// (<c>X-Raft-*</c>: term, indexes, message type; and <c>X-Request-ID</c>). Nobody without the secret can make
/// one, and none of those values can be changed without breaking it. The body is not covered (it would have to be
/// buffered twice per replication round); an on-path attacker is what TLS is for. A captured proof is good for
/// <see cref="MaxClockSkew"/> either way, and DotNext drops a repeated request id on its own.
/// </summary>
public sealed class ClusterProof
{
    public const string HeaderName = "X-Raft3D-Cluster-Proof";
    private const string Version = "v1";
    private const int MinimumSecretLength = 32;

    /// <summary>Members' clocks must agree within this (NTP does far better); it bounds a replay too.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(60);

    private readonly byte[] key;
    private readonly string nodeId;
    private readonly TimeProvider clock;

    public ClusterProof(string secret, string nodeId, TimeProvider? clock = null)
    {
        key = Encoding.UTF8.GetBytes(secret);
        this.nodeId = nodeId;
        this.clock = clock ?? TimeProvider.System;
    }

    /// <summary>The proof this node can make and check, or null when no cluster secret is configured.</summary>
    /// <exception cref="InvalidConfigurationException">The secret is too short or its file cannot be read.</exception>
    public static ClusterProof? Load(Raft3DOptions options)
    {
        var security = options.Security;
        var secret = security.ClusterSecret;
        if (!string.IsNullOrWhiteSpace(security.ClusterSecretFile))
        {
            try
            {
                secret = File.ReadAllText(security.ClusterSecretFile).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InvalidConfigurationException($"Raft3D:Security:ClusterSecretFile '{security.ClusterSecretFile}' cannot be read: {e.Message}");
            }
        }

        if (string.IsNullOrEmpty(secret))
        {
            return null;
        }

        return secret.Length >= MinimumSecretLength
            ? new ClusterProof(secret, options.NodeId)
            : throw new InvalidConfigurationException(
                $"Raft3D:Security:ClusterSecret must be at least {MinimumSecretLength} characters (e.g. openssl rand -base64 33); it has {secret.Length}.");
    }

    /// <summary>Adds the proof to a request this node is about to send; call it after every other header is set.</summary>
    public void Sign(HttpRequestMessage request)
    {
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .Select(header => (header.Key, Value: string.Join(", ", header.Value)));
        var timestamp = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var signature = Compute(timestamp, nodeId, request.Method.Method, request.RequestUri!.PathAndQuery, headers);
        request.Headers.Remove(HeaderName);
        request.Headers.TryAddWithoutValidation(HeaderName, $"{Version} {timestamp.ToString(CultureInfo.InvariantCulture)} {Convert.ToBase64String(signature)} {nodeId}");
    }

    /// <summary>The node id that signed <paramref name="request"/>, or null when its proof is missing, stale or false.</summary>
    public string? Verify(HttpRequest request)
    {
        var parts = request.Headers[HeaderName].ToString().Split(' ', 4);
        if (parts is not [Version, var timeText, var signatureText, var sender]
            || !long.TryParse(timeText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || Math.Abs(clock.GetUtcNow().ToUnixTimeMilliseconds() - timestamp) > MaxClockSkew.TotalMilliseconds)
        {
            return null;
        }

        Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (!Convert.TryFromBase64String(signatureText, presented, out var length) || length != presented.Length)
        {
            return null;
        }

        // The target as the client sent it, before any rewrite in this node's pipeline changed the path.
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw : $"{request.PathBase}{request.Path}{request.QueryString}";
        var headers = request.Headers.Select(header => (header.Key, Value: header.Value.ToString()));
        var expected = Compute(timestamp, sender, request.Method, target, headers);
        return CryptographicOperations.FixedTimeEquals(presented, expected) ? sender : null;
    }

    private byte[] Compute(long timestamp, string sender, string method, string target, IEnumerable<(string Name, string Value)> headers)
    {
        var text = new StringBuilder()
            .Append("raft3d-cluster-proof-").Append(Version).Append('\n')
            .Append(timestamp.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(sender).Append('\n')
            .Append(method.ToUpperInvariant()).Append('\n')
            .Append(target).Append('\n');
        foreach (var (name, value) in headers
            .Select(header => (Name: header.Name.ToLowerInvariant(), header.Value))
            .Where(header => header.Name.StartsWith("x-raft-", StringComparison.Ordinal) || header.Name == "x-request-id")
            .OrderBy(header => header.Name, StringComparer.Ordinal))
        {
            text.Append(name).Append(':').Append(value).Append('\n');
        }

        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text.ToString()));
    }
}
