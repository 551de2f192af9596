namespace Raft3D.Node.Store.Events;

/// <summary>
/// One event of the stream. <see cref="Data"/> is a <see cref="StateMachine.Changes.FarmChange"/>, a
/// <see cref="ResetNotice"/> or a <see cref="ClusterNotice"/>; it is turned into bytes once, by the first stream
/// that sends it, so fifty readers cost one serialisation and a writer never waits for any.
/// </summary>
/// <param name="index">The log index the event is about, its SSE id; null for a live-only event (cluster), which has no id.</param>
public sealed class JournalEvent(string type, long? index, object data)
{
    private byte[]? frame;

    public string Type { get; } = type;

    public long? Index { get; } = index;

    public object Data { get; } = data;

    /// <summary>The event as sent; <paramref name="render"/> runs once (or, in a race, harmlessly twice).</summary>
    public byte[] Frame(Func<JournalEvent, byte[]> render) => frame ??= render(this);
}
