namespace Raft3D.StateMachine.Changes;

/// <summary>
/// One applied log entry's changes, in the order the command made them. A refused command, a replayed
/// Idempotency-Key or a no-op has none and is not announced.
/// </summary>
public sealed record AppliedChanges(long Index, IReadOnlyList<FarmChange> Changes);
