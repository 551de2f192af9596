namespace Raft3D.StateMachine.Commands;

/// <summary>
/// The one envelope every change to the farm travels in, through the Raft log and back out of it.
/// Ids are chosen before replication, so applying the same command twice is harmless.
/// </summary>
public abstract record Command
{
    public abstract CommandTag Tag { get; }

    /// <summary>
    /// The leader's clock when it proposed the command. Carried in the entry so every node stores the same
    /// instant: nothing in apply reads a clock. Null in entries written before commands carried a time.
    /// </summary>
    public DateTimeOffset? StampedAt { get; init; }

    /// <summary>
    /// The version (log index of its last change) the client last saw of the entity this command changes, from
    /// If-Match. Checked in apply, so a stale edit is refused on every node alike and no edit is silently lost.
    /// Null: apply whatever the version.
    /// </summary>
    public long? ExpectedVersion { get; init; }

    /// <summary>
    /// The request's Idempotency-Key, if it had one. Judged in apply (see <c>IdempotencyKeyTable</c>): a command
    /// whose key was seen with the same request answers what the first one did and changes nothing.
    /// </summary>
    public IdempotencyKey? Idempotency { get; init; }
}
