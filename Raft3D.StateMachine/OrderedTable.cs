namespace Raft3D.StateMachine;

/// <summary>
/// Entities by id, listed in the order they were created. Creation order is what a person expects from a
/// list, and it is the same on every node because every node applies the same log in the same order.
/// </summary>
internal sealed class OrderedTable<T>(Func<T, string> idOf)
    where T : class
{
    private readonly List<T> rows = [];
    private readonly Dictionary<string, int> positions = new(StringComparer.Ordinal);

    public int Count => rows.Count;

    public IReadOnlyList<T> Rows => rows;

    public T? Find(string id) => positions.TryGetValue(id, out var at) ? rows[at] : null;

    public void Add(T row)
    {
        positions.Add(idOf(row), rows.Count);
        rows.Add(row);
    }

    public void Replace(T row) => rows[positions[idOf(row)]] = row;

    public void Clear()
    {
        rows.Clear();
        positions.Clear();
    }
}
