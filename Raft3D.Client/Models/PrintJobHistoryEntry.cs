namespace Raft3D.Client;

/// <summary>One status a job took. Field names are snake_case on the wire (see <see cref="Raft3DJson"/>).</summary>
/// <param name="Status">Queued, Running, Done or Canceled.</param>
/// <param name="At">The leader's time on the change (UTC); null for changes from before times were kept.</param>
/// <param name="LogIndex">The log index of the change; 0 for changes from before history was kept.</param>
public sealed record PrintJobHistoryEntry(string Status, DateTimeOffset? At, long LogIndex);
