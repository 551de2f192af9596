using Raft3D.StateMachine.Commands;

namespace Raft3D.StateMachine.Idempotency;

/// <summary>
/// The keys of the current window, oldest first. Eviction runs in apply, from the command's stamp and window
/// only, so every node drops the same keys at the same entry, and a snapshot carries exactly what is left.
/// </summary>
internal sealed class IdempotencyKeyTable
{
    private readonly Dictionary<string, IdempotencyRecord> byKey = new(StringComparer.Ordinal);
    private readonly Queue<IdempotencyRecord> oldestFirst = new();

    public int Count => oldestFirst.Count;

    /// <summary>Every kept record, oldest first: the snapshot's order.</summary>
    public IEnumerable<IdempotencyRecord> Records => oldestFirst;

    public IdempotencyRecord? Find(string key) => byKey.GetValueOrDefault(key);

    public void Add(IdempotencyRecord record)
    {
        // A key can be in the table once: a reused key is refused before it gets here, and an evicted one left both.
        byKey.Add(record.Key, record);
        oldestFirst.Enqueue(record);
    }

    /// <summary>
    /// Drops the oldest keys while there are more than the window holds or they are older than it. A key kept
    /// before the farm had any time (an unstamped entry, which no leader writes) has no age to keep it by: it goes
    /// as soon as there is a time, rather than hold back, as the oldest, the eviction of every key after it.
    /// </summary>
    public void Evict(DateTimeOffset? now, IdempotencyWindow window)
    {
        while (oldestFirst.TryPeek(out var oldest)
            && (oldestFirst.Count > window.MaxKeys || (now is { } t && (oldest.At is not { } at || t - at > window.MaxAge))))
        {
            byKey.Remove(oldestFirst.Dequeue().Key);
        }
    }

    public void Clear()
    {
        byKey.Clear();
        oldestFirst.Clear();
    }
}
