namespace Raft3D.StateMachine;

/// <summary>One page of a list: its items, how many match in all, and where the next page starts (null: none).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int? NextAfter);
