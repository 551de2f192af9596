namespace Raft3D.StateMachine;

/// <summary>
/// One string instance per distinct value for the fields many entities repeat (a farm has hundreds of printers of
/// a few models, and every job names a spool and a printer that already exist). Each command arrives with its own
/// copies; keeping those for every row was most of a large farm's memory. Sharing changes no value, so it needs
/// no determinism across nodes. Capped, so a field that is unique per row after all cannot grow the pool for ever.
/// </summary>
internal sealed class SharedStrings(int maxValues = 65_536)
{
    private readonly HashSet<string> values = new(StringComparer.Ordinal);

    /// <summary>
    /// A pool for jobs' file paths: a farm prints the same files again and again, but a farm whose paths are all
    /// different would fill a pool shared with the labels and leave no room for a new model or colour. Capped
    /// where the set's arrays stay under the large object threshold: 2,048 paths take 4,049 entries (65 KB), and
    /// the set's next size would not fit.
    /// </summary>
    public static SharedStrings ForFilePaths() => new(maxValues: 2_048);

    public string Share(string value)
    {
        if (values.TryGetValue(value, out var shared))
        {
            return shared;
        }

        if (values.Count < maxValues)
        {
            values.Add(value);
        }

        return value;
    }

    /// <summary>The shared string with these characters; a new string is made only when none is held.</summary>
    public string Share(ReadOnlySpan<char> value)
        => values.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(value, out var shared) ? shared : Share(value.ToString());
}
