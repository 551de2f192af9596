using DotNext.IO.Log;

namespace Raft3D.Node.Store.Consensus;

/// <summary>
/// The entries of a producer that has already moved to one: that one first, then the rest. Disposing it leaves
/// the producer to its owner.
/// </summary>
public sealed class ResumedLogEntryProducer<TEntry>(ILogEntryProducer<TEntry> producer) : ILogEntryProducer<TEntry>
    where TEntry : ILogEntry
{
    private bool atCurrent = true;

    public long RemainingCount => producer.RemainingCount + (atCurrent ? 1 : 0);

    public TEntry Current => producer.Current;

    public ValueTask<bool> MoveNextAsync()
    {
        if (atCurrent)
        {
            atCurrent = false;
            return ValueTask.FromResult(true);
        }

        return producer.MoveNextAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
