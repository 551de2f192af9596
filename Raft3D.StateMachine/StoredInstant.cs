namespace Raft3D.StateMachine;

/// <summary>
/// An optional instant as the state keeps it: its UTC ticks in one long, 0 for none. A nullable
/// <see cref="DateTimeOffset"/> takes three times the room, and a farm keeps three instants on each of its
/// hundreds of thousands of entities. Only the offset is lost, and every stamp is the leader's UTC clock.
/// </summary>
internal static class StoredInstant
{
    public static long Pack(DateTimeOffset? instant) => instant?.UtcTicks ?? 0L;

    public static DateTimeOffset? Unpack(long ticks) => ticks == 0L ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
}
