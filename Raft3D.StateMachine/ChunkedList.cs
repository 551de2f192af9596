using System.Collections;

namespace Raft3D.StateMachine;

/// <summary>
/// A list that only grows, kept in fixed chunks. A <see cref="List{T}"/> of a large farm's rows is one array on
/// the large object heap that is copied into one twice its size as it fills; the old arrays stay there as free
/// space the heap never compacts (13-15 MB of a 500,000-printer member's heap). Chunks stay below the large
/// object threshold, and growing adds a chunk instead of copying every row.
/// </summary>
internal sealed class ChunkedList<T> : IReadOnlyList<T>
    where T : class
{
    // 4,096 references: 32 KiB, well under the 85,000-byte large object threshold.
    private const int Shift = 12;
    private const int ChunkSize = 1 << Shift;
    private const int Mask = ChunkSize - 1;

    private readonly List<T[]> chunks = [];

    public int Count { get; private set; }

    public T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return chunks[index >> Shift][index & Mask];
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            chunks[index >> Shift][index & Mask] = value;
        }
    }

    public void Add(T item)
    {
        if ((Count >> Shift) == chunks.Count)
        {
            chunks.Add(new T[ChunkSize]);
        }

        chunks[Count >> Shift][Count & Mask] = item;
        Count++;
    }

    public void Clear()
    {
        chunks.Clear();
        Count = 0;
    }

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Walks the rows without an allocation, for snapshots and reports over the whole table.</summary>
    public struct Enumerator(ChunkedList<T> list) : IEnumerator<T>
    {
        private int next;

        public T Current { get; private set; } = null!;

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (next >= list.Count)
            {
                return false;
            }

            Current = list.chunks[next >> Shift][next & Mask];
            next++;
            return true;
        }

        public void Reset() => next = 0;

        public readonly void Dispose()
        {
        }
    }
}
