namespace Raft3D.StateMachine.Printers;

/// <summary>A printer registered in the farm. Immutable: the state machine replaces, never mutates.</summary>
public sealed record Printer(string Id, string Company, string Model);
