namespace Raft3D.Client;

/// <summary>
/// The data of a <c>reset</c> event: the node cannot give every event since the index asked for, so whatever the
/// caller built from earlier events must be reloaded (GET the lists), then the events that follow applied.
/// </summary>
/// <param name="Reason">
/// <c>window</c>: the index is older than the node still holds, or newer than it has applied; <c>snapshot</c>: the
/// node installed a snapshot and skipped entries; <c>slow_client</c>: the caller fell too far behind, and the node
/// closes the stream (the client reconnects by itself).
/// </param>
/// <param name="Index">The log index the events that follow come after; for <c>slow_client</c>, the last one the node sent.</param>
/// <param name="OldestIndex">The oldest index the node could still resume from.</param>
public sealed record EventStreamReset(string Reason, long Index, long OldestIndex);
