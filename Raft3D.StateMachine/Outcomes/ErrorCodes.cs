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
}
