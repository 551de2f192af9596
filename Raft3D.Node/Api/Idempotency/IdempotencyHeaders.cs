using System.Security.Cryptography;
using System.Text;
using Raft3D.StateMachine.Commands;

namespace Raft3D.Node.Api.Idempotency;

/// <summary>The Idempotency-Key request header and the Idempotent-Replayed response header (Stripe's and the IETF draft's names).</summary>
public static class IdempotencyHeaders
{
    public const string Key = "Idempotency-Key";

    public const string Replayed = "Idempotent-Replayed";

    private static readonly object ItemKey = new();

    /// <summary>The request's key, read and checked by <see cref="ReadIdempotencyKeyAttribute"/>; null without one.</summary>
    public static string? KeyOf(HttpContext context) => context.Items[ItemKey] as string;

    internal static void Remember(HttpContext context, string key) => context.Items[ItemKey] = key;

    /// <summary>The farm API's writes take a key; reads and the cluster endpoints do not, and ignore the header.</summary>
    public static bool AppliesTo(HttpRequest request)
        => (HttpMethods.IsPost(request.Method) || HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method))
            && request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the header: absent → true with null; one valid key → true with it; anything else → an error for the client.</summary>
    public static bool TryRead(HttpRequest request, out string? key, out string? error)
    {
        key = null;
        error = null;
        if (!request.Headers.TryGetValue(Key, out var values))
        {
            return true;
        }

        if (values.Count != 1 || !IdempotencyKey.IsValid(values[0]))
        {
            error = $"{Key} must be one value of 1 to {IdempotencyKey.MaxLength} printable ASCII characters, such as a UUID.";
            return false;
        }

        key = values[0];
        return true;
    }

    /// <summary>
    /// The id of an entity a keyed create makes without naming one: derived from the key, so a retry proposes the
    /// same command (and matches the first request's fingerprint) instead of inventing a second entity.
    /// </summary>
    public static string IdFor(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("raft3d-create:" + key));
        return new Guid(hash.AsSpan(0, 16)).ToString("N");
    }
}
