using System.CommandLine;
using Raft3D.Client;

namespace Raft3D.Cli.Commands;

/// <summary>
/// --idempotency-key on every command that writes. Without it each run is a new request (the client makes a key
/// per run and keeps it across the nodes it tries); with it, a script that cannot tell whether a run applied (a
/// timeout, a killed process) runs it again with the same key and the write happens at most once.
/// </summary>
internal static class IdempotencyKeyOption
{
    /// <summary>A new option each time: each command owns its options.</summary>
    public static Option<string?> Create() => new("--idempotency-key")
    {
        HelpName = "key",
        Description = "Sent as Idempotency-Key (1 to 128 printable ASCII characters without leading or trailing spaces, e.g. a UUID): running the same command again with the same key, on any node, "
            + "changes nothing and prints what the first run did (within the nodes' key window, 24 h by default); the same key with a different request is refused (422). "
            + "Default: a new key per run.",
    };

    /// <summary>
    /// What raft3d says of a key the client refuses (<see cref="InvalidIdempotencyKeyException"/>): in the option's
    /// words rather than the client parameter's, and with the code the node would give it.
    /// </summary>
    public static string InvalidKeyError { get; } =
        $"validation_failed: --idempotency-key must be 1 to {IdempotencyKeys.MaxLength} printable ASCII characters, without leading or trailing spaces";

    /// <summary>
    /// The line after the error of a write that got no definite answer (exit 3: a 503 from every node, another 5xx,
    /// no node reachable or every try timed out). Such a write may have been applied or not, so a rerun must send
    /// the key this run sent, not a new one, to apply at most once. A refusal (4xx) is definite: no line.
    /// </summary>
    public static string RetryHint(string key) => $"retry safely with --idempotency-key {key}";
}
