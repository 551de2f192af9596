using Raft3D.Node.Api.Problems;
using Raft3D.Node.Peers;
using Raft3D.Node.Security;
using Raft3D.Node.Store;
using Raft3D.Node.Store.Storage;
using Raft3D.StateMachine.Codec;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Api.Cluster;

/// <summary>
/// One follower's batch of forwarded commands on the leader (<see cref="CommandBatchEndpoint"/>): each is judged,
/// proposed and answered on its own, so one refused or failed command never fails the others.
/// </summary>
public sealed class CommandBatch(IFarmStore store, ForwardedCallerCheck callers, IdempotencyWindow window, string forwardedBy, ILogger<CommandBatch> logger)
{
    public async Task<ForwardedOutcome> ExecuteAsync(ForwardedCommand forwarded, CancellationToken token)
    {
        if (await callers.RefusalAsync(forwarded, forwardedBy) is { } refusal)
        {
            return ForwardedOutcome.Problem(refusal.Code, refusal.Detail);
        }

        Command command;
        try
        {
            command = CommandCodec.Decode(forwarded.Command);
        }
        catch (InvalidDataException e)
        {
            return ForwardedOutcome.Problem(ErrorCodes.ValidationFailed, $"The forwarded command cannot be read: {e.Message}");
        }

        // Only what a farm endpoint builds: a checkpoint (a snapshot for every node) is an admin's operation.
        if (command is Checkpoint)
        {
            return ForwardedOutcome.Problem(ErrorCodes.ValidationFailed, $"A forwarded write must be a farm command, not {command.Tag}.");
        }

        try
        {
            // This leader's window, as for its own requests; the fingerprint is computed again from the command.
            var (outcome, index) = await store.ProposeAsync(
                command with { Idempotency = command.Idempotency is { } key ? new IdempotencyKey(key.Value, window) : null },
                token);
            return ForwardedOutcome.Applied(outcome, index);
        }
        catch (ClusterUnavailableException e)
        {
            return ForwardedOutcome.Problem(ProblemCatalog.CodeOf(e.Reason), e.Message);
        }
        catch (Exception e) when (NoSpace.IsCause(e))
        {
            store.ReportNoSpace(e);
            return ForwardedOutcome.Problem(
                ProblemCatalog.InsufficientStorage,
                "The leader's disk is full. The write may still be applied by the others: retry with the same Idempotency-Key (or a create with the same id), which is safe.");
        }
        catch (Exception e) when (!token.IsCancellationRequested)
        {
            logger.LogError(e, "Forwarded {Method} {Path} from {Follower} failed", forwarded.Method, forwarded.Path, forwardedBy);
            return ForwardedOutcome.Problem(ProblemCatalog.Internal, "The leader hit an unexpected error; the request may or may not have been applied. Check the leader's log.");
        }
    }
}
