namespace Raft3D.Client;

/// <summary>One event of a <c>text/event-stream</c>, as <see cref="ServerSentEventParser"/> dispatches it.</summary>
/// <param name="Type">The <c>event:</c> field; "message" when the event named none.</param>
/// <param name="Data">The <c>data:</c> lines joined with "\n".</param>
/// <param name="Id">
/// The <c>id:</c> field of this event, or null when it had none. The standard's lastEventId carries the previous
/// event's id forward instead; <see cref="ServerSentEventParser.LastEventId"/> keeps that, for reconnecting.
/// </param>
internal sealed record ServerSentEvent(string Type, string Data, string? Id);
