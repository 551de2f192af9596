namespace Raft3D.StateMachine.Outcomes;

/// <summary>A rule the command broke: a stable <see cref="ErrorCodes">code</see> and a sentence for a person.</summary>
public sealed record DomainError(string Code, string Detail);
