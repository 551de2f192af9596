namespace Raft3D.StateMachine.Printers;

/// <summary>A printer with what the farm derives about it, read together under one lock.</summary>
/// <param name="QueuedJobs">How many Queued jobs wait in its queue.</param>
public sealed record PrinterView(Printer Printer, PrinterState State, string? CurrentJobId, int QueuedJobs);
