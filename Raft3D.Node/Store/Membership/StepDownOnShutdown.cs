using System.Diagnostics;
using DotNext.Net.Cluster.Consensus.Raft.Extensions;
using DotNext.Net.Cluster;
using DotNext.Net.Cluster.Consensus.Raft;
using Raft3D.Node.Configuration;
using Raft3D.Node.Store.Consensus;

namespace Raft3D.Node.Store.Membership;

/// <summary>
/// A leader asked to stop (SIGTERM: docker stop, a rolling restart, Ctrl+C) steps down first and waits, still
/// serving raft and the API, until another member leads: the election runs while this node can still vote and
/// forward writes, so clients see one election's gap and no refused connections. A SIGKILL skips this, as it must.
/// </summary>
/// <remarks>
/// It steps down into DotNext's standby mode, not a plain resignation: a resigned leader has the longest log and
/// usually wins the next election itself (seen: five terms in a row), while a standby member votes and follows
/// but never stands. DotNext 6.12 has no leadership transfer (Raft's TimeoutNow) to name a successor.
/// </remarks>
public sealed class StepDownOnShutdown(IRaftCluster cluster, LeaderLocator leaders, Raft3DOptions options, ILogger<StepDownOnShutdown> logger) : IHostedLifecycleService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

    /// <summary>Runs before the web server stops, so peers and clients still reach this node while it hands over.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (!leaders.IsLocalLeader || cluster.Members.Count < 2)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.ElectionGrace);
        logger.LogInformation("Shutting down as leader: stepping down so another member takes over before this node stops");
        try
        {
            await ((ICluster)cluster).ResignAsync(deadline.Token);
            await ((IStandbyModeSupport)cluster).EnableStandbyModeAsync(deadline.Token);
            while (cluster.Leader is not { IsRemote: true })
            {
                await Task.Delay(Poll, deadline.Token);
            }

            logger.LogInformation("Handed leadership to {Leader} in {Elapsed:F0} ms; stopping", cluster.Leader.EndPoint, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("No other member took over within {Timeout} ms; stopping anyway, the others will elect a leader", options.ElectionGrace.TotalMilliseconds);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
