using DotNext.Net.Cluster.Consensus.Raft;
using Raft3D.Node.Cluster;
using Raft3D.Node.Configuration;
using Raft3D.Node.Problems;
using Raft3D.StateMachine;
using Raft3D.StateMachine.Codec;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Store;

/// <summary>
/// Proposes commands through DotNext's Raft and reads the farm state machine. No application lock wraps
/// replication: concurrent requests are appended and replicated together by DotNext.
/// </summary>
public sealed class RaftFarmStore(IRaftCluster cluster, LeaderTerm leaderTerm, FarmStateMachine stateMachine, Raft3DOptions options) : IFarmStore
{
    private readonly TimeSpan quorumWait = TimeSpan.FromMilliseconds(options.QuorumWaitTimeoutMs);

    public async Task<CommandOutcome> ExecuteAsync(Command command, CancellationToken token)
        => (await ExecuteWithIndexAsync(command, token)).Outcome;

    public async Task<(CommandOutcome Outcome, long Index)> ExecuteWithIndexAsync(Command command, CancellationToken token)
    {
        // The state machine checks this again on apply; checking first keeps bad requests out of the log.
        if (CommandValidator.Validate(command) is { } error)
        {
            return (CommandOutcome.Rejected(error.Code, error.Detail), 0L);
        }

        var payload = CommandCodec.Encode(command);
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
                ErrorCodes.NoLeader,
                "This node is not (or is no longer) the leader. If it was, the write may still commit: retry with the same id, which is safe.",
                e);
        }
        catch (Exception e) when (e is LeaderOperationException or DotNext.Net.Cluster.MemberUnavailableException)
        {
            throw new ClusterUnavailableException(
                ErrorCodes.NoLeader,
                "Leadership changed while the write was in flight; it may have committed. Retry with the same id to read its outcome.",
                e);
        }
        catch (OperationCanceledException e) when (!token.IsCancellationRequested)
        {
            throw new ClusterUnavailableException(
                ProblemCatalog.CommitTimeout,
                $"A majority did not confirm the write within {quorumWait.TotalSeconds:0.#} s; it may still be applied. Retry with the same id, which is safe.",
                e);
        }

        return receipt.Outcome is { } outcome
            ? (outcome, receipt.Index)
            : throw new ClusterUnavailableException(
                ErrorCodes.NoLeader,
                "The write was replicated but its outcome was lost in a leadership change; retry with the same id to read it.");
    }

    public T Read<T>(Func<FarmState, T> query) => stateMachine.Read(query);
}
