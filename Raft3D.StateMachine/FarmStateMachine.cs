using System.Diagnostics;
using System.IO.MemoryMappedFiles;
using DotNext.IO;
using DotNext.IO.MemoryMappedFiles;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Raft3D.StateMachine.Changes;
using Raft3D.StateMachine.Codec;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;
using Raft3D.StateMachine.Snapshots;

namespace Raft3D.StateMachine;

/// <summary>
/// DotNext's view of the farm: applies committed log entries to <see cref="FarmState"/>, snapshots it every
/// <see cref="FarmStateMachineOptions.SnapshotInterval"/> entries, and restores from a snapshot before the
/// write-ahead log replays the rest. DotNext applies entries one at a time; the lock only keeps readers
/// (HTTP requests) from seeing a half-applied command.
/// </summary>
public sealed class FarmStateMachine : SimpleStateMachine
{
    private readonly FarmState state = new();
    private readonly Lock gate = new();
    private readonly int snapshotInterval;
    private readonly double snapshotIntervalPerRow;
    private readonly ILogger logger;
    private readonly IAppliedChangesObserver[] observers;
    private long appliedSinceSnapshot;
    private long rowsAtSnapshot;
    private long lastAppliedIndex;
    private (long Index, string Digest, long ComputedAt, TimeSpan Cost)? digestCache;

    /// <param name="observers">Told what each entry changed; given here so none misses the entries replayed at start.</param>
    public FarmStateMachine(FarmStateMachineOptions options, ILogger<FarmStateMachine>? logger = null, IEnumerable<IAppliedChangesObserver>? observers = null)
        : base(new DirectoryInfo(Path.GetFullPath(options.SnapshotDirectory)))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.SnapshotInterval, 1);
        snapshotInterval = options.SnapshotInterval;
        ArgumentOutOfRangeException.ThrowIfNegative(options.SnapshotIntervalPerRow);
        snapshotIntervalPerRow = options.SnapshotIntervalPerRow;
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
        this.observers = [.. observers ?? []];
    }

    /// <summary>The log index of the last entry applied (or skipped by a snapshot).</summary>
    public long LastAppliedIndex
    {
        get
        {
            lock (gate)
            {
                return lastAppliedIndex;
            }
        }
    }

    /// <summary>Raised after a snapshot file has been written (on the applying thread's behalf).</summary>
    public event Action<TakenSnapshot>? SnapshotTaken;

    /// <summary>Raised after a snapshot from the leader or from disk replaced the state.</summary>
    public event Action<long>? SnapshotInstalled;

    /// <summary>Runs <paramref name="query"/> against a consistent state: no command is half applied while it runs.</summary>
    public T Read<T>(Func<FarmState, T> query)
    {
        lock (gate)
        {
            return query(state);
        }
    }

    /// <summary>
    /// The state digest and the log index it describes, read together. Kept until the next entry applies: the
    /// digest serialises the whole state under the lock, and status is asked far more often than writes come
    /// when a cluster is quiet (health checks, tests waiting for convergence). While entries keep applying, it
    /// is computed again only after ten times as long as it took last: a large farm's digest holds the apply
    /// loop for a while (~0.3 µs a row), and a dashboard asks for status every two seconds on every member.
    /// The index says which state the digest describes, so an older one is never mistaken for the current state.
    /// </summary>
    public (string Digest, long Index) DigestAtLastApplied()
    {
        lock (gate)
        {
            if (digestCache is not { } cached
                || (cached.Index != lastAppliedIndex && Stopwatch.GetElapsedTime(cached.ComputedAt) >= cached.Cost * 10))
            {
                var started = Stopwatch.GetTimestamp();
                var digest = FarmSnapshotCodec.Digest(state);
                cached = (lastAppliedIndex, digest, started, Stopwatch.GetElapsedTime(started));
                digestCache = cached;
            }

            return (cached.Digest, cached.Index);
        }
    }

    /// <summary>A consistent backup of the applied state: the snapshot bytes and the index they reflect.</summary>
    public (long Index, byte[] Bytes) CreateBackup()
    {
        lock (gate)
        {
            return (lastAppliedIndex, FarmBackupCodec.Write(lastAppliedIndex, FarmSnapshotCodec.Serialize(state)));
        }
    }

    protected override ValueTask<bool> ApplyAsync(LogEntry entry, CancellationToken token)
    {
        // Membership entries carry no command, and DotNext skips no-op entries before they get here.
        if (entry.IsConfiguration || !entry.TryGetPayload(out var payload) || payload.IsEmpty)
        {
            lock (gate)
            {
                lastAppliedIndex = entry.Index;
            }

            return new(false);
        }

        var command = CommandCodec.Decode(payload, out var format);
        CommandOutcome outcome;
        IReadOnlyList<FarmChange> changes;
        lock (gate)
        {
            outcome = state.Apply(command, entry.Index, CommandCodec.EraOf(format));
            lastAppliedIndex = entry.Index;
            changes = observers.Length == 0 ? [] : state.ChangesOfLastApply();
        }

        if (changes.Count > 0)
        {
            Tell(static (observer, applied) => observer.Applied(applied), new AppliedChanges(entry.Index, changes), entry.Index);
        }

        if (entry.Context is CommandReceipt receipt)
        {
            receipt.Complete(outcome, entry.Index);
        }

        // Read without the lock: only this thread changes the state.
        var due = ++appliedSinceSnapshot >= SnapshotIntervalNow() | command is Checkpoint { TakeSnapshot: true };
        if (due)
        {
            appliedSinceSnapshot = 0;
            rowsAtSnapshot = state.StoredRows;
        }

        return new(due);
    }

    protected override async ValueTask PersistAsync(IAsyncBinaryWriter writer, CancellationToken token)
    {
        // No lock while the state streams to disk: DotNext applies no entry until this snapshot is written (its
        // SimpleStateMachine awaits the snapshot before the next apply), so the state cannot change under the
        // writer, and readers, who only read, keep being answered. The index check below turns a breach of that
        // promise into a failed snapshot instead of a torn one.
        var index = LastAppliedIndex;
        var started = Stopwatch.GetTimestamp();
        long bytes = 0;
        foreach (var chunk in FarmSnapshotCodec.Chunks(state))
        {
            await writer.Invoke(chunk, token);
            bytes += chunk.Length;
        }

        if (LastAppliedIndex != index)
        {
            throw new InvalidOperationException($"The state moved from log index {index} to {LastAppliedIndex} while its snapshot was written; the snapshot is discarded.");
        }

        var taken = new TakenSnapshot(index, bytes, Stopwatch.GetElapsedTime(started));
        logger.LogInformation("Snapshot taken at log index {Index} ({Bytes} bytes in {Milliseconds:0} ms)", index, bytes, taken.Duration.TotalMilliseconds);
        Raise(SnapshotTaken, taken, index);
    }

    protected override ValueTask RestoreAsync(FileInfo snapshotFile, CancellationToken token)
    {
        token.ThrowIfCancellationRequested();
        var index = SnapshotIndexOf(snapshotFile);
        try
        {
            // The file is mapped, not read into an array: the rows are decoded from it in place, and an array of a
            // large farm's snapshot (~60 MB at 500,000 printers) stayed in the large object heap as garbage after the
            // restore and cost one more full collection (a follower restarted at ~510,000 printers held 301 MiB
            // instead of 240). The price: a disk that fails while the file is read ends the process (SIGBUS) where
            // a read would have thrown. An empty file cannot be mapped; the reader refuses it as too short.
            snapshotFile.Refresh();
            var length = checked((int)snapshotFile.Length);
            using var file = length == 0 ? null : MemoryMappedFile.CreateFromFile(snapshotFile.FullName, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
            using var view = file?.CreateMemoryAccessor(0, length, MemoryMappedFileAccess.Read);
            lock (gate)
            {
                FarmSnapshotCodec.Read(view is null ? Memory<byte>.Empty : view.Memory[..length], state, index);
                lastAppliedIndex = index;
                digestCache = null;
            }
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"Snapshot {snapshotFile.FullName} cannot be used: {e.Message}", e);
        }

        appliedSinceSnapshot = 0;
        rowsAtSnapshot = state.StoredRows;
        Tell(static (observer, index) => observer.Replaced(index), index, index);
        logger.LogInformation("Snapshot installed at log index {Index} from {File}", index, snapshotFile.Name);
        Raise(SnapshotInstalled, index, index);
        return ValueTask.CompletedTask;
    }

    // Observers and event handlers keep views of the state (the event stream, metrics, logs). The entry is
    // applied by the time they are told, and DotNext stops applying for good when an apply or a snapshot
    // throws: one failing view must not leave the node behind its cluster, so it is logged and skipped.
    private void Tell<T>(Action<IAppliedChangesObserver, T> tell, T value, long index)
    {
        foreach (var observer in observers)
        {
            try
            {
                tell(observer, value);
            }
            catch (Exception e)
            {
                LogViewFailure(e, observer.GetType().Name, index);
            }
        }
    }

    private void Raise<T>(Action<T>? handlers, T value, long index)
    {
        foreach (var handler in handlers?.GetInvocationList() ?? [])
        {
            try
            {
                ((Action<T>)handler)(value);
            }
            catch (Exception e)
            {
                LogViewFailure(e, handler.Method.DeclaringType?.Name ?? handler.Method.Name, index);
            }
        }
    }

    private void LogViewFailure(Exception e, string view, long index)
        => logger.LogError(e, "{View} failed at log index {Index}; the state is applied and the node goes on without that view's update", view, index);

    /// <summary>
    /// The configured interval, or more for a large farm (see <see cref="FarmStateMachineOptions.SnapshotIntervalPerRow"/>).
    /// Measured from the rows of the last snapshot, not the current ones: a farm that only grows would otherwise
    /// move its next snapshot away as fast as it approaches it.
    /// </summary>
    private long SnapshotIntervalNow() => Math.Max(snapshotInterval, (long)(rowsAtSnapshot * snapshotIntervalPerRow));

    // DotNext names snapshot files "<index>-<term>".
    private static long SnapshotIndexOf(FileInfo file)
        => long.TryParse(file.Name.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture, out var index) ? index : 0L;
}
