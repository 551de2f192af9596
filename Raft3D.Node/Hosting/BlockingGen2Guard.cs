using System.Runtime;
using Raft3D.Node.Configuration;

namespace Raft3D.Node.Hosting;

/// <summary>
/// Runs gen-2 collections blocking while they stay short, and in the background from the first one that stops the
/// node for longer than four fifths of the lower election timeout.
/// </summary>
/// <remarks>
/// A background gen-2 collection only sweeps. On a leader the requests and log entries that wait for a commit
/// outlive two young collections and die in gen 2, leaving 25-65 MB of free space there that a background
/// collection never compacts (README, "Blocking gen-2 collections while they are short"). A blocking collection
/// may compact it (the runtime does when gen 2 is that fragmented), but stops the whole node meanwhile, and a leader silent for longer than
/// a follower's election timeout is deposed. So the node starts in <see cref="GCLatencyMode.Batch"/> and moves
/// to <see cref="GCLatencyMode.Interactive"/> for good once a blocking full collection took longer than the limit.
/// Process-wide: only a node that is the whole process uses it, never nodes hosted side by side in tests.
/// </remarks>
public sealed class BlockingGen2Guard(Raft3DOptions options, ILogger<BlockingGen2Guard> logger) : BackgroundService
{
    // The runtime keeps only the last blocking full collection: a long one followed by a short one between two
    // readings would go unseen, and reading is cheap.
    private static readonly TimeSpan CheckEvery = TimeSpan.FromMilliseconds(250);

    // Collections before the node serves (restoring a snapshot) stop nothing a follower waits for.
    private long seenBeforeStart;

    /// <summary>
    /// Makes gen-2 collections blocking from now on, unless the runtime has no background collections to give
    /// up (concurrent GC turned off in its configuration); true if it did.
    /// </summary>
    public static bool Begin()
    {
        if (GCSettings.LatencyMode != GCLatencyMode.Interactive)
        {
            return false;
        }

        GCSettings.LatencyMode = GCLatencyMode.Batch;
        return true;
    }

    /// <summary>
    /// The longest blocking full collection that keeps a margin under the lower election timeout. Under load a
    /// leader's entries go out continuously, so a follower's silence is about the pause itself, and a follower
    /// calls an election only after a silence longer than its timeout. Measured here, where two cores serve three
    /// members and the load: blocking gen-2 collections of 167-195 ms at 40,000-500,000 printers, no election.
    /// Under light traffic a follower's silence is up to a heartbeat's interval longer than the pause, and a
    /// follower's own pause runs its timer too; collections are rare and short then (nothing to compete with).
    /// The switch follows the first pause over the limit, which may itself already have cost an election.
    /// </summary>
    public static TimeSpan PauseLimit(Raft3DOptions options) => TimeSpan.FromMilliseconds(options.LowerElectionTimeout * 4 / 5);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        seenBeforeStart = GC.GetGCMemoryInfo(GCKind.FullBlocking).Index;

        // Said while the host starts, not from ExecuteAsync, which runs in the background.
        logger.LogInformation("Gen-2 collections block and compact until one takes longer than {LimitMs:F0} ms", PauseLimit(options).TotalMilliseconds);
        return base.StartAsync(cancellationToken);
    }

    // Registered only after Begin() has set Batch (NodeApplication), so the mode need not be checked again here.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watch = new Gen2PauseWatch(PauseLimit(options), seenBeforeStart);
        using var timer = new PeriodicTimer(CheckEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var last = GC.GetGCMemoryInfo(GCKind.FullBlocking);
                var pause = last.PauseDurations[0];
                if (watch.IsTooLong(last.Index, pause))
                {
                    GCSettings.LatencyMode = GCLatencyMode.Interactive;
                    logger.LogWarning(
                        "Gen-2 collections now run in the background: a blocking one stopped this node for {PauseMs:F0} ms, over {LimitMs:F0} ms (four fifths of the lower election timeout); gen 2 is compacted only when the runtime chooses to, so memory grows by its free space",
                        pause.TotalMilliseconds,
                        watch.Limit.TotalMilliseconds);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping.
        }
    }
}
