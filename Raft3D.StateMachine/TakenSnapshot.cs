namespace Raft3D.StateMachine;

/// <summary>A snapshot this node wrote: the log index it reflects, its size, and how long writing it took (the final fsync, DotNext's, not counted).</summary>
public readonly record struct TakenSnapshot(long Index, long Bytes, TimeSpan Duration);
