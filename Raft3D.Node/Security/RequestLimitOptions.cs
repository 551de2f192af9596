namespace Raft3D.Node.Security;

/// <summary>The <c>Raft3D:Security:Limits</c> section: how much one request and one client may ask of a node.</summary>
public sealed class RequestLimitOptions
{
    /// <summary>Largest API request body, in bytes: a few KiB above the largest valid request.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Requests per second one client (a token, or an address when open) may make; 0 turns the limiter off.</summary>
    public int PermitsPerSecond { get; set; }

    /// <summary>Requests one client may make in a burst above the steady rate.</summary>
    public int Burst { get; set; } = 200;
}
