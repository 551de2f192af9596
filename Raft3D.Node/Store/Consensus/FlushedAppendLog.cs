using DotNext.IO.Log;
using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;

namespace Raft3D.Node.Store.Consensus;

/// <summary>
/// DotNext's <see cref="WriteAheadLog"/>, with entries a leader sends made durable before the follower answers,
/// and entries it resends that the follower already holds kept rather than written again.
/// </summary>
/// <remarks>
/// Raft counts a follower's answer to AppendEntries as "stored". DotNext 6.12 answers once the entries are in
/// its memory-mapped pages and flushes them (with the checkpoint that says how far the log goes) in the
/// background, so a follower killed in between restarts without entries the leader already counted, committed
/// and applied. Seen in our kill-all fault test: the old leader kept two applied entries that the new majority
/// had replaced, and its state diverged. Waiting for DotNext's own flush here, and not rewriting held entries
/// (see <see cref="SkipHeldEntriesAsync"/>), are the only changes; the log, its format and its flusher are
/// DotNext's. Heartbeats carry no entries and skip the wait.
/// At start, a damaged entry is reported with the log's location: dropping it could lose a write this node
/// acknowledged, so the node refuses to start and the operator wipes it to catch up from its peers.
/// </remarks>
public sealed class FlushedAppendLog(WriteAheadLog.Options options, IStateMachine stateMachine)
    : WriteAheadLog(options, stateMachine), IAuditTrail<IRaftLogEntry>
{
    private readonly string location = Path.GetFullPath(options.Location);

    /// <summary>
    /// The error that stopped this log's background work (flushing, applying, cleaning up), if one did. DotNext
    /// keeps it for the rest of the process's life and fails every later call with it: only a restart revives the log.
    /// </summary>
    public Exception? Failure
    {
        get
        {
            // Waiting for index 0 is answered at once: done, or failed with the stored error wrapped in an
            // InternalException (after disposal it fails otherwise, which is no failure of the log).
            var probe = WaitForApplyAsync(0L).AsTask();
            return probe.IsFaulted && probe.Exception!.InnerException is InternalException failure ? failure : null;
        }
    }

    public override async Task InitializeAsync(CancellationToken token = default)
    {
        try
        {
            await base.InitializeAsync(token);
        }
        catch (HashMismatchException e)
        {
            throw new InvalidDataException(
                $"The write-ahead log in {location} is damaged (an entry's checksum does not match). It may hold writes " +
                "this node acknowledged, so it is not truncated: move this node's data directory aside and restart it to catch up from its peers.",
                e);
        }
    }

    async ValueTask IAuditTrail<IRaftLogEntry>.AppendAsync<TEntry>(
        ILogEntryProducer<TEntry> entries,
        long startIndex,
        bool skipCommitted,
        CancellationToken token)
    {
        var carriesEntries = entries.RemainingCount > 0;
        if (skipCommitted)
        {
            (entries, startIndex) = await SkipHeldEntriesAsync(entries, startIndex, token);
        }

        await AppendAsync(entries, startIndex, skipCommitted, token);
        if (carriesEntries)
        {
            await FlushAsync(token);
        }
    }

    /// <summary>
    /// Moves past the leading entries this log already holds with the same term, which Raft says are the same
    /// entries (the Log Matching property), and returns the rest with the index of the first of them.
    /// </summary>
    /// <remarks>
    /// DotNext rewrites every uncommitted entry an AppendEntries carries, even one it holds, and always at the end
    /// of its data files. A follower with a long backlog receives it in one request, which the leader abandons
    /// after its RPC timeout while the follower is still storing it; the leader then sends the whole backlog
    /// again, the follower stores it again, and neither commits. Measured after a restart 10,600 entries behind:
    /// 136 MB of log written for 2.5 MB of entries, or no convergence at all. Skipping what is held lets each
    /// retry go on from where the last one stopped. The last entry is never skipped: appending it cuts off
    /// whatever the log holds after it, as DotNext always does.
    /// </remarks>
    private async ValueTask<(ILogEntryProducer<TEntry> Remaining, long From)> SkipHeldEntriesAsync<TEntry>(
        ILogEntryProducer<TEntry> entries,
        long startIndex,
        CancellationToken token)
        where TEntry : IRaftLogEntry
    {
        var lastHeld = Math.Min(LastEntryIndex, startIndex + entries.RemainingCount - 2);
        if (lastHeld < startIndex)
        {
            return (entries, startIndex);
        }

        // Entries up to the commit index are skipped by DotNext itself; only the later ones need their terms.
        var firstUncommitted = Math.Max(startIndex, LastCommittedEntryIndex + 1);
        var heldTerms = firstUncommitted <= lastHeld ? await ReadAsync(new LogEntryTerms(), firstUncommitted, lastHeld, token) : [];
        var index = startIndex;
        while (index <= lastHeld && await entries.MoveNextAsync())
        {
            // A term this node could not read back is treated as a conflict: DotNext then rewrites from here, as it always did.
            if (index >= firstUncommitted && (index - firstUncommitted >= heldTerms.Length || heldTerms[index - firstUncommitted] != entries.Current.Term))
            {
                return (new ResumedLogEntryProducer<TEntry>(entries), index);
            }

            index++;
        }

        return (entries, index);
    }
}
