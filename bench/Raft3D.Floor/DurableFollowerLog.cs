using DotNext.IO.Log;
using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;

namespace Raft3D.Floor;

/// <summary>
/// DotNext's log, with a follower answering AppendEntries only once the entries are flushed, as Raft3D's node and
/// etcd do (DotNext alone flushes in the background after answering): a floor with weaker durability would flatter.
/// </summary>
internal sealed class DurableFollowerLog(WriteAheadLog.Options options, IStateMachine stateMachine)
    : WriteAheadLog(options, stateMachine), IAuditTrail<IRaftLogEntry>
{
    async ValueTask IAuditTrail<IRaftLogEntry>.AppendAsync<TEntry>(ILogEntryProducer<TEntry> entries, long startIndex, bool skipCommitted, CancellationToken token)
    {
        var carriesEntries = entries.RemainingCount > 0;
        await AppendAsync(entries, startIndex, skipCommitted, token);
        if (carriesEntries)
        {
            await FlushAsync(token);
        }
    }
}
