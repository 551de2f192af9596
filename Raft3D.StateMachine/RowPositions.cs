using System.Numerics;

namespace Raft3D.StateMachine;

/// <summary>
/// Each row's position by id: an open-addressing hash table that stores only positions and reads a candidate's
/// id from its row. A <see cref="Dictionary{TKey, TValue}"/> entry holds the id again with its hash and a chain
/// link (24 bytes, ~40 with its spare capacity: a fifth of a printer's memory); a slot here is 4 bytes, at most
/// half of them used. The table is split in 1,024 shards, so every array stays under the large object threshold
/// (which never compacts) up to about eight million rows per table, and each grows on its own. A row's id must
/// never change once added (<see cref="OrderedTable{T}"/> replaces a row only by its id).
/// <para>
/// A slot also keeps seven bits of its id's hash in the bits a position below 2^24 leaves free, so a probe reads a
/// row only when those bits match. Reading a candidate's id costs three dependent loads (chunk, row, string), each
/// likely a cache miss in a large farm: those reads, in probes and in the rehash of each doubling, made the index
/// ~40% of restoring a 1,000,000-printer snapshot.
/// A position from 2^24 on is stored untagged (the sign bit says so) and always compared.
/// </para>
/// </summary>
internal sealed class RowPositions(Func<int, string> idAt)
{
    private const int ShardBits = 10;
    private const int Shards = 1 << ShardBits;
    private const int FirstShardSize = 8;

    // A slot holds a position + 1, so that the zeroes of a new array are empty slots; below 2^24 with the tag
    // above it (bits 24-30), from there on with the sign bit set instead.
    private const int TagShift = 24;
    private const int TaggedPositionMask = (1 << TagShift) - 1;
    private const int UntaggedBit = int.MinValue;
    private readonly int[]?[] shards = new int[]?[Shards];
    private readonly int[] counts = new int[Shards];

    public bool TryGetValue(string id, out int position)
    {
        // The process's own string hash: the table only finds rows in memory; order comes from their positions.
        var hash = id.GetHashCode();
        if (shards[hash & (Shards - 1)] is { } slots)
        {
            var mask = slots.Length - 1;
            var tag = TagOf(hash);
            for (var at = (hash >>> ShardBits) & mask; slots[at] != 0; at = (at + 1) & mask)
            {
                var candidate = PositionIn(slots[at]);
                if (MayHold(slots[at], tag) && string.Equals(idAt(candidate), id, StringComparison.Ordinal))
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
        var tag = TagOf(hash);
        var at = (hash >>> ShardBits) & mask;
        for (; slots[at] != 0; at = (at + 1) & mask)
        {
            if (MayHold(slots[at], tag) && string.Equals(idAt(PositionIn(slots[at])), id, StringComparison.Ordinal))
            {
                throw new ArgumentException($"A row with id '{id}' is already held.", nameof(id));
            }
        }

        slots[at] = SlotOf(position, tag);
        counts[shard]++;
    }

    /// <summary>
    /// Sizes every shard for <paramref name="rows"/> rows spread evenly, before a snapshot's rows are added: each
    /// doubling reads every id of its shard again to rehash it. Each shard gets the size the mean shard would grow
    /// to (at some farm sizes one doubling more than a shard well below the mean needs: at most ~2 MiB a table);
    /// the few that fill past half of it still double once. A small table is left to grow as it would.
    /// </summary>
    public void Reserve(int rows)
    {
        if (rows < Shards * FirstShardSize / 2)
        {
            return;
        }

        var size = (int)BitOperations.RoundUpToPowerOf2((uint)(2 * ((rows / Shards) + 1)));
        for (var shard = 0; shard < Shards; shard++)
        {
            if (counts[shard] == 0 && (shards[shard]?.Length ?? 0) < size)
            {
                shards[shard] = new int[size];
            }
        }
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
                Insert(doubled, idAt(PositionIn(slot)).GetHashCode(), slot);
            }
        }

        return doubled;
    }

    private static void Insert(int[] slots, int hash, int slot)
    {
        var mask = slots.Length - 1;
        var at = (hash >>> ShardBits) & mask;
        while (slots[at] != 0)
        {
            at = (at + 1) & mask;
        }

        slots[at] = slot;
    }

    // The hash's top seven bits: the shard takes the lowest ten and a slot's start the ones above them.
    private static int TagOf(int hash) => hash >>> 25;

    private static int SlotOf(int position, int tag)
        => position < TaggedPositionMask ? (tag << TagShift) | (position + 1) : UntaggedBit | (position + 1);

    private static int PositionIn(int slot) => (slot & (slot < 0 ? int.MaxValue : TaggedPositionMask)) - 1;

    private static bool MayHold(int slot, int tag) => slot < 0 || slot >>> TagShift == tag;
}
