using Raft3D.StateMachine.Idempotency;

namespace Raft3D.StateMachine.Commands;

/// <summary>
/// A client's Idempotency-Key and the window the proposing leader keeps keys for. The window travels with the
/// key so that eviction, judged in apply, is the same on every node even if their settings differ: the window
/// in force is the one of the leader that proposed the command.
/// </summary>
public sealed record IdempotencyKey(string Value, IdempotencyWindow Window)
{
    /// <summary>
    /// What makes a retry the same request (see <c>IdempotencyFingerprint</c>). Computed once, when the command
    /// is encoded for the log, and carried in the entry: a node replaying the log and a node loading a snapshot
    /// then hold the same value even after the code that computes it changes. Null until encoded.
    /// </summary>
    public RequestFingerprint? Fingerprint { get; init; }

    /// <summary>Long enough for a UUID with a prefix, short enough that 100,000 keys stay a few megabytes.</summary>
    public const int MaxLength = 128;

    /// <summary>
    /// 1 to 128 printable ASCII characters (space to tilde), as HTTP header values may carry unescaped; no space
    /// at either end, which HTTP servers trim (" k" would arrive as "k").
    /// </summary>
    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || value[0] == ' ' || value[^1] == ' ')
        {
            return false;
        }

        foreach (var ch in value)
        {
            if (ch is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
