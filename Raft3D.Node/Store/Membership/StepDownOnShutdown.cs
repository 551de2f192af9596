using System.Diagnostics;
using DotNext.Net.Cluster;
using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.Extensions;
using Raft3D.Node.Configuration;
using Raft3D.Node.Store.Consensus;

namespace Raft3D.Node.Store.Membership;

/// <summary>
/// A leader asked to stop (SIGTERM: docker stop, a rolling restart, Ctrl+C) steps down before its web server
/// stops: its replication ends and the writes waiting on it are answered (503, retryable) at once, rather than
/// with a broken connection, and the others elect a successor one election timeout after its last heartbeat.
/// A SIGKILL skips this, as it must.
/// </summary>
/// <remarks>
/// It resigns, then enters DotNext's standby mode, so that it cannot stand again in the moment before it stops: a
/// resigned leader has the longest log and, left to itself, won the next election five terms in a row here.
/// It does not wait to see the successor: a stopping node was seen never to learn of the new leader (its term
/// stayed behind the others' for as long as it waited, cause not found), so waiting only kept clients on a node
/// that could not forward them. DotNext 6.12 has no leadership transfer (Raft's TimeoutNow) that would name a successor.
/// </remarks>
public sealed class StepDownOnShutdown(IRaftCluster cluster, LeaderLocator leaders, Raft3DOptions options, ILogger<StepDownOnShutdown> logger) : IHostedLifecycleService
{
    /// <summary>Runs before the web server stops (IHostedLifecycleService), while peers and clients still reach this node.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (!leaders.IsLocalLeader || cluster.Members.Count < 2)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.ElectionGrace);
        logger.LogInformation("Shutting down as leader: stepping down so another member takes over");
        try
        {
            await ((ICluster)cluster).ResignAsync(deadline.Token);
            await ((IStandbyModeSupport)cluster).EnableStandbyModeAsync(deadline.Token);
            logger.LogInformation("Stepped down in {Elapsed:F0} ms; the others elect a leader within one election timeout", Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Could not step down within {Timeout} ms; stopping anyway, the others will elect a leader", options.ElectionGrace.TotalMilliseconds);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
