namespace Raft3D.StateMachine.Outcomes;

/// <summary>What a command did. Values are part of the snapshot format (kept Idempotency-Key outcomes): only append.</summary>
public enum OutcomeKind
{
    /// <summary>The command created an entity.</summary>
    Created = 0,

    /// <summary>The command changed an existing entity.</summary>
    Updated = 1,

    /// <summary>The command asked for what already is (a replay, or a status the job already has).</summary>
    Unchanged = 2,

    /// <summary>The command broke a rule and changed nothing.</summary>
    Rejected = 3,
}
