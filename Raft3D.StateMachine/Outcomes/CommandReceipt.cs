namespace Raft3D.StateMachine.Outcomes;

/// <summary>
/// Travels as the log entry's context on the leader that proposed the command. DotNext hands it back to
/// <c>ApplyAsync</c> on that node only (followers see null), and the apply finishes before
/// <c>ReplicateAsync</c> returns, so the proposer reads the outcome right after replication.
/// </summary>
public sealed class CommandReceipt
{
    private CommandOutcome? outcome;

    public CommandOutcome? Outcome => Volatile.Read(ref outcome);

    /// <summary>The log index the command was applied at.</summary>
    public long Index { get; private set; }

    internal void Complete(CommandOutcome value, long index)
    {
        Index = index;
        Volatile.Write(ref outcome, value);
    }
}
