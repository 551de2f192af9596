namespace Raft3D.Node.Store.Events;

/// <summary>
/// A reset event's body: reload lists, then keep applying events. <paramref name="Index"/> is where the events that
/// follow start from; <paramref name="OldestIndex"/> is the oldest index a client could still resume after.
/// </summary>
public sealed record ResetNotice(string Reason, long Index, long OldestIndex);
