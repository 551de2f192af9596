using DotNext.IO.Log;
using DotNext.Net.Cluster.Consensus.Raft;

namespace Raft3D.Node.Store.Consensus;

/// <summary>Reads only the terms of a range of log entries, not their content.</summary>
public readonly struct LogEntryTerms : ILogEntryConsumer<IRaftLogEntry, long[]>
{
    public bool LogEntryMetadataOnly => true;

    public ValueTask<long[]> ReadAsync<TEntry, TList>(TList entries, long? snapshotIndex, CancellationToken token)
        where TEntry : IRaftLogEntry
        where TList : IReadOnlyList<TEntry>
    {
        var terms = new long[entries.Count];
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i] = entries[i].Term;
        }

        return ValueTask.FromResult(terms);
    }
}
