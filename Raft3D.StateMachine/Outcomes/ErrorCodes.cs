namespace Raft3D.StateMachine.Outcomes;

/// <summary>
/// The stable names of every error a client can see. Clients switch on these, so they never change.
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
    public const string NoLeader = "no_leader";
    public const string LeaderUnreachable = "leader_unreachable";
    public const string Internal = "internal_error";
}
