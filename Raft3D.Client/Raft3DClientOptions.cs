namespace Raft3D.Client;

/// <summary>How a <see cref="Raft3DClient"/> reads, who it says it is, and which https nodes it trusts.</summary>
public sealed record Raft3DClientOptions
{
    /// <summary>"local" to read without the linearizable barrier; null for the default.</summary>
    public string? Consistency { get; init; }

    /// <summary>
    /// Sent as <c>Authorization: Bearer</c> on every request, the event stream included; null: none (an open node).
    /// Surrounding whitespace is dropped (a token read from a file often ends in a newline).
    /// </summary>
    public string? BearerToken { get; init; }

    /// <summary>
    /// A PEM file of CA certificates: an https node's certificate must chain to one of them (instead of the
    /// system's roots) and still name the host. Null: the system's roots. Needs the client's own handler.
    /// </summary>
    public string? CaCertificateFile { get; init; }

    /// <summary>For tests; a pooled socket handler by default.</summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>How long one request may take on one node; 15 s by default.</summary>
    public TimeSpan? Timeout { get; init; }
}
