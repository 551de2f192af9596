namespace Raft3D.Tests.Faults;

internal enum OperationKind
{
    Create,
    Read,
}

internal enum OperationResult
{
    /// <summary>2xx: acknowledged.</summary>
    Ok,

    /// <summary>A definite refusal (4xx): it did not happen.</summary>
    Failed,

    /// <summary>5xx, timeout or a broken connection: it may or may not have happened, but never half.</summary>
    Unknown,
}

/// <summary>
/// One request as a client saw it: when it started and ended (monotonic ticks), what it wrote or read, and how
/// it ended. Each create writes a fresh key, so every key is a register written once.
/// </summary>
internal sealed record HistoryOperation(
    int Client,
    OperationKind Kind,
    string? Key,
    string? Value,
    long Start,
    long End,
    OperationResult Result,
    string? Node,
    long? Term,
    IReadOnlyDictionary<string, string>? Observed);
