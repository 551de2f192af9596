namespace Raft3D.StateMachine.Outcomes;

/// <summary>
/// What applying a command did. A value, not an exception, so it can cross the Raft boundary
/// (through the log entry's context) back to the HTTP request that proposed the command.
/// </summary>
public sealed record CommandOutcome(OutcomeKind Kind, object? Entity, DomainError? Error)
{
    public static CommandOutcome Created(object entity) => new(OutcomeKind.Created, entity, null);

    public static CommandOutcome Updated(object entity) => new(OutcomeKind.Updated, entity, null);

    public static CommandOutcome Unchanged(object entity) => new(OutcomeKind.Unchanged, entity, null);

    public static CommandOutcome Rejected(string code, string detail) => new(OutcomeKind.Rejected, null, new DomainError(code, detail));

    public bool IsRejected => Kind == OutcomeKind.Rejected;

    /// <summary>
    /// The kept outcome of an earlier command with the same Idempotency-Key and request: nothing was applied
    /// now, and the response is the first one (the API adds Idempotent-Replayed: true).
    /// </summary>
    public bool IsReplay { get; init; }
}
