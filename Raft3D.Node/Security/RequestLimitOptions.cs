namespace Raft3D.Node.Security;

/// <summary>The <c>Raft3D:Security:Limits</c> section: how much one request and one client may ask of a node.</summary>
public sealed class RequestLimitOptions
{
    /// <summary>
    /// Largest API request body, in bytes (the raft listener has no such limit: a snapshot carries the whole farm).
    /// The largest valid request is a print job with every field at its longest (1024-character filepath, three
    /// 64-character ids) and every character, field names included, written as a JSON <c>\uXXXX</c> escape: 7,725
    /// bytes. 12 KiB leaves room for indentation and for fields the API ignores, and
    /// still refuses anything that is not a farm request before it is read.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 12 * 1024;

    /// <summary>Requests per second one client (a token, or an address when open) may make; 0 turns the limiter off.</summary>
    public int PermitsPerSecond { get; set; }

    /// <summary>Requests one client may make at once before the steady rate applies: the size of its token bucket.</summary>
    public int Burst { get; set; } = 200;

    /// <summary>
    /// Connections each listener holds at once (the API's and the raft one's are counted apart, so clients can
    /// never crowd out peers). Event streams hold theirs for as long as they follow; beyond the limit Kestrel
    /// closes new connections at once.
    /// </summary>
    public long MaxConnections { get; set; } = 1000;
}
