using Raft3D.StateMachine.Outcomes;

namespace Raft3D.StateMachine.Idempotency;

/// <summary>
/// A key the farm has seen: which request came with it (its fingerprint), when, and what applying it answered.
/// The answer is the outcome itself, entities as they were then, so a retry gets the first response, not today's.
/// </summary>
public sealed record IdempotencyRecord(string Key, RequestFingerprint Fingerprint, long Index, DateTimeOffset? At, CommandOutcome Outcome);
