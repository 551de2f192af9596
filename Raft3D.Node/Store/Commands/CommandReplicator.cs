using DotNext.Net.Cluster.Consensus.Raft;
using Raft3D.Node.Configuration;
using Raft3D.Node.Store.Consensus;
using Raft3D.Node.Store.Storage;
using Raft3D.StateMachine.Codec;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Store.Commands;

/// <summary>
/// Proposes commands through DotNext's Raft and returns what applying them did. No application lock wraps
/// replication: concurrent requests are appended and replicated together by DotNext.
/// </summary>
public sealed class CommandReplicator(IRaftCluster cluster, LeaderTerm leaderTerm, StorageGuard storage, TimeProvider clock, Raft3DOptions options)
{
    private readonly TimeSpan quorumWait = TimeSpan.FromMilliseconds(options.QuorumWaitTimeoutMs);

    /// <returns>The outcome, and the log index the command was applied at (0 if it was refused before the log).</returns>
    public async Task<(CommandOutcome Outcome, long Index)> ExecuteAsync(Command command, CancellationToken token)
    {
        // The state machine checks this again on apply; checking first keeps bad requests out of the log.
        if (CommandValidator.Validate(command) is { } error)
        {
            return (CommandOutcome.Rejected(error.Code, error.Detail), 0L);
        }

        // A leader whose disk is full is stepping down: its own log could not take the entry.
        if (storage.IsFull)
        {
            throw new ClusterUnavailableException(
                UnavailableReason.StorageFull,
                "This node's disk is full and it is stepping down as leader; the write was not taken. Retry on another member in a moment.");
        }

        // The leader's clock, read once here and carried in the entry: every node stores this instant, and apply
        // never reads a clock. Milliseconds are all the log keeps.
        var now = clock.GetUtcNow();
        var payload = CommandCodec.Encode(command with { StampedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond)) });

        // An entry no node can read would stop every node that applies it, for good: read it back before
        // proposing it, so a codec bug costs one refused request instead of the cluster.
        CommandCodec.Decode(payload);
        var receipt = new CommandReceipt();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(token);
        deadline.CancelAfter(quorumWait);
        try
        {
            // Stamped with the term this node won, not the cluster's current term (see LeaderTerm). Not leading:
            // DotNext's own NotLeaderException, answered below like any other.
            var term = leaderTerm.Current ?? throw new NotLeaderException();
            var entry = new BinaryLogEntry { Content = payload, Term = term, Context = receipt };

            // Returns once a majority stored the entry on disk (FlushedAppendLog on followers, the commit flush on
            // the leader) and this node applied it.
            await cluster.ReplicateAsync(entry, deadline.Token);
        }
        catch (Exception e) when (e is NotLeaderException or QuorumUnreachableException && receipt.Outcome is null)
        {
            throw new ClusterUnavailableException(
                UnavailableReason.NoLeader,
                "This node is not (or is no longer) the leader. If it was, the write may still commit: retry with the same Idempotency-Key (or a create with the same id), which is safe.",
                e);
        }
        catch (Exception e) when (e is LeaderOperationException or DotNext.Net.Cluster.MemberUnavailableException)
        {
            throw new ClusterUnavailableException(
                UnavailableReason.NoLeader,
                "Leadership changed while the write was in flight; it may have committed. Retry with the same Idempotency-Key (or a create with the same id) to read its outcome.",
                e);
        }
        catch (OperationCanceledException e) when (!token.IsCancellationRequested)
        {
            throw new ClusterUnavailableException(
                UnavailableReason.CommitTimeout,
                $"A majority did not confirm the write within {quorumWait.TotalSeconds:0.#} s; it may still be applied. Retry with the same Idempotency-Key (or a create with the same id), which is safe.",
                e);
        }

        return receipt.Outcome is { } outcome
            ? (outcome, receipt.Index)
            : throw new ClusterUnavailableException(
                UnavailableReason.NoLeader,
                "The write was replicated but its outcome was lost in a leadership change; retry with the same Idempotency-Key (or a create with the same id) to read it.");
    }
}
