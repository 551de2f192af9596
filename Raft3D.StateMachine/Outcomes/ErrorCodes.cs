namespace Raft3D.StateMachine.Outcomes;

/// <summary>
/// The stable names of the errors the farm's rules can give. Clients switch on these, so they never change.
/// The node adds its own codes (no leader, timeouts, routing) and maps every code to an HTTP status.
/// </summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string NotFound = "not_found";
    public const string DuplicateId = "duplicate_id";
    public const string UnknownReference = "unknown_reference";
    public const string InsufficientFilament = "insufficient_filament";
    public const string InvalidTransition = "invalid_transition";
    public const string PrinterBusy = "printer_busy";
    public const string PrinterInMaintenance = "printer_in_maintenance";
    public const string PrinterHasOpenJobs = "printer_has_open_jobs";
    public const string QueueEmpty = "queue_empty";
    public const string JobNotQueued = "job_not_queued";
    public const string JobNotRunning = "job_not_running";
    public const string JobUnassigned = "job_unassigned";
    public const string FilamentArchived = "filament_archived";
    public const string FilamentHasOpenJobs = "filament_has_open_jobs";
    public const string VersionMismatch = "version_mismatch";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string WeightOutOfRange = "weight_out_of_range";
    public const string SpoolWeightUnknown = "spool_weight_unknown";
}
