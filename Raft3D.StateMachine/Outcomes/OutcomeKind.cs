namespace Raft3D.StateMachine.Outcomes;

public enum OutcomeKind
{
    /// <summary>The command created an entity.</summary>
    Created,

    /// <summary>The command changed an existing entity.</summary>
    Updated,

    /// <summary>The command asked for what already is (a replay, or a status the job already has).</summary>
    Unchanged,

    /// <summary>The command broke a rule and changed nothing.</summary>
    Rejected,
}
