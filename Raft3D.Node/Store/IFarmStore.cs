using Raft3D.StateMachine;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Store;

/// <summary>
/// All the HTTP layer knows of consensus: propose a command and get its outcome, or read the local state.
/// Controllers can be tested against a fake; the Raft implementation can be tested without HTTP.
/// </summary>
public interface IFarmStore
{
    /// <summary>Replicates <paramref name="command"/> and returns what applying it did.</summary>
    /// <exception cref="Problems.ClusterUnavailableException">No leader, or no majority in time.</exception>
    Task<CommandOutcome> ExecuteAsync(Command command, CancellationToken token);

    /// <summary>As <see cref="ExecuteAsync"/>, and also the log index the command was applied at.</summary>
    Task<(CommandOutcome Outcome, long Index)> ExecuteWithIndexAsync(Command command, CancellationToken token);

    /// <summary>Runs a query against this node's applied state (the caller decides about read barriers).</summary>
    T Read<T>(Func<FarmState, T> query);
}
