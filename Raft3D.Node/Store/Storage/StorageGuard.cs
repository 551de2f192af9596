using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.Extensions;
using Raft3D.Node.Configuration;
using Raft3D.Node.Store.Consensus;

namespace Raft3D.Node.Store.Storage;

/// <summary>
/// Keeps a node from running its disk full, and stops it when its log has failed.
/// </summary>
/// <remarks>
/// DotNext's log cannot live through ENOSPC. In its memory-mapped files (Durability=Mapped, the default) a
/// write into a page the file system cannot back is a SIGBUS: the runtime reports an AccessViolationException
/// and the process dies. A failed write anywhere else (direct I/O, a snapshot) stops the log's background
/// flushing and applying for the rest of the process's life, and every later call fails. Both were seen on a
/// 4 MiB tmpfs. So this guard looks at the free space on the data directory's file system every 250 ms and,
/// before it runs out, stops storing: the node steps down and stands for no election (DotNext's standby mode),
/// StorageFullRaftGate refuses the leader's entries and snapshots, and writes and linearizable reads here are
/// refused with 503 insufficient_storage. Heartbeats still pass, so the node keeps following the leader, and
/// once space is freed it leaves standby and catches up in this process, without a restart.
/// If the log fails anyway (space taken faster than the guard looks, a reserve set too small, or another I/O
/// error), nothing in this process can revive it: the node stops with <see cref="LogFailedExitCode"/> and one
/// line, for a supervisor to restart it on the same data. That loses nothing: an entry is acknowledged only
/// once flushed, and a failed flush does not move the checkpoint.
/// </remarks>
public sealed class StorageGuard(
    Raft3DOptions options,
    FlushedAppendLog log,
    IRaftCluster cluster,
    IHostApplicationLifetime lifetime,
    ILogger<StorageGuard> logger) : BackgroundService
{
    /// <summary>The exit code of a node that stopped because its write-ahead log failed (2 is "cannot start").</summary>
    public const int LogFailedExitCode = 3;

    private static readonly TimeSpan CheckEvery = TimeSpan.FromMilliseconds(250);

    private readonly string dataDirectory = Path.GetFullPath(options.DataDirectory);
    private readonly string snapshotDirectory = Path.Combine(Path.GetFullPath(options.DataDirectory), "snapshots");
    private readonly long reserveBytes = options.Storage.ReserveKiB * 1024L;
    private StorageStatus seen = new(false, -1, 0, 0);
    private long noSpaceErrors;
    private int noSpaceLoggedThisEpisode;
    private bool standbyByGuard;
    private bool unreadableReported;

    /// <summary>True while this node refuses to store log entries for lack of space.</summary>
    public bool IsFull => Volatile.Read(ref seen).Full;

    public StorageStatus Status => Volatile.Read(ref seen) with { NoSpaceErrors = Interlocked.Read(ref noSpaceErrors) };

    /// <summary>Counts an I/O error that said the disk is full; the first of an episode is logged, the rest only counted.</summary>
    public void ReportNoSpace(Exception error)
    {
        Interlocked.Increment(ref noSpaceErrors);
        if (Interlocked.Exchange(ref noSpaceLoggedThisEpisode, 1) == 0)
        {
            logger.LogError(
                "No space left on the file system of {Directory}: {Message}. Requests that needed it were answered 503 insufficient_storage; further such errors are counted in raft3d_storage_errors_total, not logged.",
                dataDirectory,
                error.Message.ReplaceLineEndings(" "));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Registered after DotNext's cluster, so it runs once the cluster has started and standby mode can be switched.
        using var timer = new PeriodicTimer(CheckEvery);
        try
        {
            do
            {
                if (log.Failure is { } failure)
                {
                    StopForFailedLog(failure);
                    return;
                }

                if (reserveBytes > 0)
                {
                    await CheckSpaceAsync(stoppingToken);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping.
        }
    }

    private async Task CheckSpaceAsync(CancellationToken token)
    {
        long available;
        try
        {
            available = new DriveInfo(dataDirectory).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (!unreadableReported)
            {
                unreadableReported = true;
                logger.LogWarning("Cannot read the free space of {Directory}'s file system, so the storage guard is blind: {Message}", dataDirectory, e.Message);
            }

            return;
        }

        // A snapshot, taken here or sent by the leader, is written beside the last one before that is deleted.
        var reserve = reserveBytes + NewestSnapshotBytes();
        var wasFull = IsFull;
        var full = wasFull ? available < reserve + (reserveBytes / 2) : available < reserve;
        Volatile.Write(ref seen, new StorageStatus(full, available, reserve, 0));
        if (full && !wasFull)
        {
            await StopStoringAsync(available, reserve, token);
        }
        else if (wasFull && !full)
        {
            await ResumeStoringAsync(available, token);
        }
    }

    private async Task StopStoringAsync(long available, long reserve, CancellationToken token)
    {
        logger.LogWarning(
            "Storage full: {Available} KiB free on the file system of {Directory}, below the {Reserve} KiB reserve (Raft3D:Storage:ReserveKiB plus the newest snapshot). This node stops storing log entries: it steps down, and answers writes and linearizable reads 503 insufficient_storage, until {Resume} KiB are free; the other members go on serving.",
            available / 1024,
            dataDirectory,
            reserve / 1024,
            (reserve + (reserveBytes / 2)) / 1024);

        // A leader steps down at once; a follower stands for no election while it cannot store the log it would lead with.
        if (cluster is IStandbyModeSupport standby)
        {
            standbyByGuard = await standby.EnableStandbyModeAsync(token);
        }
    }

    private async Task ResumeStoringAsync(long available, CancellationToken token)
    {
        Interlocked.Exchange(ref noSpaceLoggedThisEpisode, 0);
        if (standbyByGuard && cluster is IStandbyModeSupport standby)
        {
            await standby.RevertToNormalModeAsync(token);
            standbyByGuard = false;
        }

        logger.LogWarning("Storage available again: {Available} KiB free on the file system of {Directory}. This node stores log entries again and catches up.", available / 1024, dataDirectory);
    }

    private long NewestSnapshotBytes()
    {
        try
        {
            return new DirectoryInfo(snapshotDirectory).EnumerateFiles("*-*").Select(file => file.Length).DefaultIfEmpty(0).Max();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private void StopForFailedLog(Exception failure)
    {
        var noSpace = NoSpace.IsCause(failure);
        if (noSpace)
        {
            Interlocked.Increment(ref noSpaceErrors);
        }

        logger.LogCritical(
            "Stopping: the write-ahead log in {Directory} failed ({Message}) and DotNext cannot resume it in this process. Exit code {ExitCode}: restart the node on the same data{Hint}; nothing it acknowledged is lost.",
            Path.Combine(dataDirectory, "wal"),
            failure.Message.ReplaceLineEndings(" "),
            LogFailedExitCode,
            noSpace ? " once space is freed on its file system" : string.Empty);
        Environment.ExitCode = LogFailedExitCode;
        lifetime.StopApplication();
    }
}
