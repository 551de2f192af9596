namespace Raft3D.StateMachine.PrintJobs;

/// <summary>The only moves a print job may make. Done and Canceled are final.</summary>
public static class PrintJobTransitions
{
    public static bool IsAllowed(PrintJobStatus from, PrintJobStatus to) => (from, to) switch
    {
        (PrintJobStatus.Queued, PrintJobStatus.Running) => true,
        (PrintJobStatus.Queued, PrintJobStatus.Canceled) => true,
        (PrintJobStatus.Running, PrintJobStatus.Done) => true,
        (PrintJobStatus.Running, PrintJobStatus.Canceled) => true,
        _ => false,
    };

    /// <summary>The statuses a job may move to from <paramref name="from"/>, for error messages.</summary>
    public static IReadOnlyList<PrintJobStatus> AllowedFrom(PrintJobStatus from) => from switch
    {
        PrintJobStatus.Queued => [PrintJobStatus.Running, PrintJobStatus.Canceled],
        PrintJobStatus.Running => [PrintJobStatus.Done, PrintJobStatus.Canceled],
        _ => [],
    };

    /// <summary>Whether a job in this status still holds its weight of filament in reserve.</summary>
    public static bool ReservesFilament(PrintJobStatus status)
        => status is PrintJobStatus.Queued or PrintJobStatus.Running;
}
