namespace Raft3D.StateMachine;

/// <summary>
/// Each row's position by id: an open-addressing hash table that stores only positions and reads a candidate's
/// id from its row. A <see cref="Dictionary{TKey, TValue}"/> entry holds the id again with its hash and a chain
/// link (24 bytes, ~40 with its spare capacity: a fifth of a printer's memory); a slot here is 4 bytes, at most
/// half of them used. The table is split in 1,024 shards, so every array stays under the large object threshold
/// (which never compacts) up to about eight million rows per table, and each grows on its own. A row's id must
/// never change once added (<see cref="OrderedTable{T}"/> replaces a row only by its id).
/// </summary>
internal sealed class RowPositions(Func<int, string> idAt)
{
    private const int ShardBits = 10;
    private const int Shards = 1 << ShardBits;
    private const int FirstShardSize = 8;

    // A slot holds a position + 1, so that the zeroes of a new array are empty slots.
    private readonly int[]?[] shards = new int[]?[Shards];
    private readonly int[] counts = new int[Shards];

    public bool TryGetValue(string id, out int position)
    {
        // The process's own string hash: the table only finds rows in memory; order comes from their positions.
        var hash = id.GetHashCode();
        if (shards[hash & (Shards - 1)] is { } slots)
        {
            var mask = slots.Length - 1;
            for (var at = (hash >>> ShardBits) & mask; slots[at] != 0; at = (at + 1) & mask)
            {
                var candidate = slots[at] - 1;
                if (string.Equals(idAt(candidate), id, StringComparison.Ordinal))
                {
                    position = candidate;
                    return true;
                }
            }
        }

        position = -1;
        return false;
    }

    public int this[string id] => TryGetValue(id, out var position) ? position : throw new KeyNotFoundException($"No row has id '{id}'.");

    /// <summary>Records that the row with <paramref name="id"/> is at <paramref name="position"/>, which may be past the rows held so far.</summary>
    public void Add(string id, int position)
    {
        var hash = id.GetHashCode();
        var shard = hash & (Shards - 1);
        var slots = shards[shard] ??= new int[FirstShardSize];
        if ((counts[shard] + 1) * 2 > slots.Length)
        {
            slots = shards[shard] = Doubled(slots);
        }

        // One probe both refuses a held id and finds the free slot.
        var mask = slots.Length - 1;
        var at = (hash >>> ShardBits) & mask;
        for (; slots[at] != 0; at = (at + 1) & mask)
        {
            if (string.Equals(idAt(slots[at] - 1), id, StringComparison.Ordinal))
            {
                throw new ArgumentException($"A row with id '{id}' is already held.", nameof(id));
            }
        }

        slots[at] = position + 1;
        counts[shard]++;
    }

    public void Clear()
    {
        Array.Clear(shards);
        Array.Clear(counts);
    }

    private int[] Doubled(int[] slots)
    {
        var doubled = new int[slots.Length * 2];
        foreach (var slot in slots)
        {
            if (slot != 0)
            {
                Insert(doubled, idAt(slot - 1).GetHashCode(), slot - 1);
            }
        }

        return doubled;
    }

    private static void Insert(int[] slots, int hash, int position)
    {
        var mask = slots.Length - 1;
        var at = (hash >>> ShardBits) & mask;
        while (slots[at] != 0)
        {
            at = (at + 1) & mask;
        }

        slots[at] = position + 1;
    }
}
