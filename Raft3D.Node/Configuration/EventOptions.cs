namespace Raft3D.Node.Configuration;

/// <summary>The <c>Raft3D:Events</c> section: the live event stream at <c>/api/v1/events</c>.</summary>
public sealed class EventOptions
{
    /// <summary>Events kept in memory for clients resuming with Last-Event-ID; older ones get a reset instead.</summary>
    public int WindowSize { get; set; } = 10_000;

    /// <summary>Events one client may fall behind before it is sent a reset and dropped, so it never slows anyone.</summary>
    public int ClientBuffer { get; set; } = 1_000;

    /// <summary>Seconds between comment lines on a quiet stream, so proxies do not close it as idle.</summary>
    public double HeartbeatSeconds { get; set; } = 15;
}
