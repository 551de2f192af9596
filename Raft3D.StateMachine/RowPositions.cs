namespace Raft3D.StateMachine;

/// <summary>
/// Each row's position by id, in many small dictionaries instead of one. One dictionary of a large farm's ids is
/// a large-object-heap array that doubles (and leaves the old one behind as free space the heap never compacts)
/// at 1, 2, 4, ... times its size; 1,024 shards keep every array under the large object threshold up to about
/// three million rows per table, and each grows on its own.
/// </summary>
internal sealed class RowPositions
{
    private const int Shards = 1024;

    private readonly Dictionary<string, int>?[] shards = new Dictionary<string, int>?[Shards];

    public bool TryGetValue(string id, out int position)
    {
        if (shards[ShardOf(id)] is { } shard)
        {
            return shard.TryGetValue(id, out position);
        }

        position = -1;
        return false;
    }

    public int this[string id] => TryGetValue(id, out var position) ? position : throw new KeyNotFoundException($"No row has id '{id}'.");

    public void Add(string id, int position)
        => (shards[ShardOf(id)] ??= new(StringComparer.Ordinal)).Add(id, position);

    public void Clear() => Array.Clear(shards);

    // The process's own string hash: the shard only groups ids in memory; order comes from the rows' positions.
    private static int ShardOf(string id) => id.GetHashCode() & (Shards - 1);
}
