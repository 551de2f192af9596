namespace Raft3D.Node.Api.Events;

/// <summary>A printer event's body once the printer is deleted: which one, and at which version it went.</summary>
public sealed record DeletedPrinterEvent(string Id, bool Deleted, long Version);
