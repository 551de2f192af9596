namespace Raft3D.Client;

/// <summary>Where <see cref="Raft3DClient.WatchEventsAsync(EventWatchOptions, CancellationToken)"/> starts and what it follows.</summary>
public sealed record EventWatchOptions
{
    /// <summary>
    /// A log index already seen: the stream starts with every event after it (or a <c>reset</c> if the node no
    /// longer holds them). Null: events from now on.
    /// </summary>
    public long? Since { get; init; }

    /// <summary>Only these types (<see cref="FarmEventTypes"/>); null or empty: every type.</summary>
    public IReadOnlyCollection<string>? Types { get; init; }

    /// <summary>
    /// A stream silent this long is taken as broken and resumed on the next node. Nodes send a heartbeat every
    /// 15 s, so three missed ones mean a frozen node or a cut network, whose connection may never report an error.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// How long to wait before reconnecting after a failure; doubled for each failure in a row, at most 8 s. Null:
    /// what the node said (<c>retry:</c>), else 1 s.
    /// </summary>
    public TimeSpan? ReconnectionTime { get; init; }

    /// <summary>Told each time a node's stream fails, before the next node is tried: for a "resuming on ..." line.</summary>
    public Action<EventStreamInterruption>? Interrupted { get; init; }
}
