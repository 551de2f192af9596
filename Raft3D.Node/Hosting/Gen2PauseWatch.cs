namespace Raft3D.Node.Hosting;

/// <summary>
/// Watches the runtime's blocking full collections, one reading at a time, for the first that stopped the node
/// for longer than <paramref name="limit"/> (see <see cref="BlockingGen2Guard"/>).
/// </summary>
/// <param name="seen">The index of the last collection that does not count (0: none).</param>
public sealed class Gen2PauseWatch(TimeSpan limit, long seen = 0)
{
    public TimeSpan Limit => limit;

    /// <param name="index">The runtime's count of the collection read (0: none yet); a reading seen before is ignored.</param>
    /// <param name="pause">How long that collection stopped the process.</param>
    /// <returns>True for a collection not seen before that took longer than the limit.</returns>
    public bool IsTooLong(long index, TimeSpan pause)
    {
        if (index == seen)
        {
            return false;
        }

        seen = index;
        return pause > limit;
    }
}
