namespace Raft3D.StateMachine;

/// <summary>
/// Entities by id, listed in the order they were created. Creation order is what a person expects from a
/// list, and it is the same on every node because every node applies the same log in the same order. Rows
/// are never removed (deleted entities are kept as tombstones), so a row's position never changes and a
/// paging cursor that names a position stays valid while rows are added.
/// </summary>
internal sealed class OrderedTable<T>
    where T : class
{
    private readonly Func<T, string> idOf;
    private readonly ChunkedList<T> rows = [];
    private readonly RowPositions positions;

    public OrderedTable(Func<T, string> idOf)
    {
        this.idOf = idOf;
        positions = new(at => this.idOf(rows[at]));
    }

    public int Count => rows.Count;

    public ChunkedList<T> Rows => rows;

    public T? Find(string id) => positions.TryGetValue(id, out var at) ? rows[at] : null;

    /// <summary>The row's place in creation order, from 0.</summary>
    public int PositionOf(string id) => positions[id];

    public void Add(T row)
    {
        positions.Add(idOf(row), rows.Count);
        rows.Add(row);
    }

    /// <summary>Makes room for <paramref name="rows"/> rows in the id index ahead of adding them (a restore).</summary>
    public void Reserve(int rows) => positions.Reserve(rows);

    public void Replace(T row) => rows[positions[idOf(row)]] = row;

    /// <summary>
    /// Up to <paramref name="limit"/> matching rows after position <paramref name="after"/> (-1 for the start),
    /// how many match in all, and the position to continue after if more remain.
    /// </summary>
    public Page<TView> Page<TView>(Func<T, bool> match, Func<T, TView> view, int after, int limit)
    {
        var items = new List<TView>(Math.Min(limit, 1024));
        var total = 0;
        var lastTaken = -1;
        var more = false;
        for (var at = 0; at < rows.Count; at++)
        {
            if (!match(rows[at]))
            {
                continue;
            }

            // The whole table is walked for the total; past the page only the count changes.
            total++;
            if (at <= after)
            {
                continue;
            }

            if (items.Count < limit)
            {
                items.Add(view(rows[at]));
                lastTaken = at;
            }
            else
            {
                more = true;
            }
        }

        return new Page<TView>(items, total, more ? lastTaken : null);
    }

    public void Clear()
    {
        rows.Clear();
        positions.Clear();
    }
}
