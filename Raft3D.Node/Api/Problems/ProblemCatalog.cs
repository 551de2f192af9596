using Microsoft.AspNetCore.Mvc;
using Raft3D.Node.Store;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Api.Problems;

/// <summary>
/// Every error code a client can see, with its HTTP status and title, in one place. The code decides the
/// status, so every path that reports the same error (controller, middleware, exception handler) reports it
/// the same way. The domain's codes come from <see cref="ErrorCodes"/>; the node's own are defined here.
/// </summary>
public static class ProblemCatalog
{
    public const string NoLeader = "no_leader";
    public const string LeaderUnreachable = "leader_unreachable";
    public const string CommitTimeout = "commit_timeout";
    public const string MembershipChangeFailed = "membership_change_failed";
    public const string MembershipChangeInProgress = "membership_change_in_progress";
    public const string InsufficientStorage = "insufficient_storage";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string RouteNotFound = "route_not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string BodyTooLarge = "body_too_large";
    public const string RateLimited = "rate_limited";
    public const string Internal = "internal_error";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string ForeignOrigin = "foreign_origin";

    /// <summary>Code → status and title. Only <see cref="Internal"/> may be a 500: anything else a client can act on.</summary>
    public static IReadOnlyDictionary<string, ProblemKind> Entries { get; } = new Dictionary<string, ProblemKind>(StringComparer.Ordinal)
    {
        [ErrorCodes.ValidationFailed] = new(StatusCodes.Status400BadRequest, "The request is invalid."),
        [ErrorCodes.NotFound] = new(StatusCodes.Status404NotFound, "No such entity."),
        [ErrorCodes.DuplicateId] = new(StatusCodes.Status409Conflict, "The id is already taken."),
        [ErrorCodes.UnknownReference] = new(StatusCodes.Status409Conflict, "A referenced entity does not exist."),
        [ErrorCodes.InsufficientFilament] = new(StatusCodes.Status409Conflict, "Not enough filament."),
        [ErrorCodes.InvalidTransition] = new(StatusCodes.Status409Conflict, "That status change is not allowed."),
        [ErrorCodes.PrinterBusy] = new(StatusCodes.Status409Conflict, "The printer is busy."),
        [ErrorCodes.PrinterInMaintenance] = new(StatusCodes.Status409Conflict, "The printer is in maintenance."),
        [ErrorCodes.PrinterHasOpenJobs] = new(StatusCodes.Status409Conflict, "The printer still has open jobs."),
        [ErrorCodes.QueueEmpty] = new(StatusCodes.Status409Conflict, "The printer's queue is empty."),
        [ErrorCodes.JobNotQueued] = new(StatusCodes.Status409Conflict, "The print job is no longer queued."),
        [ErrorCodes.JobNotRunning] = new(StatusCodes.Status409Conflict, "The print job is not running."),
        [ErrorCodes.JobUnassigned] = new(StatusCodes.Status409Conflict, "The print job has no printer."),
        [ErrorCodes.FilamentArchived] = new(StatusCodes.Status409Conflict, "The filament is archived."),
        [ErrorCodes.FilamentHasOpenJobs] = new(StatusCodes.Status409Conflict, "The filament is held by open jobs."),
        [ErrorCodes.VersionMismatch] = new(StatusCodes.Status412PreconditionFailed, "The entity changed since you read it."),
        [ErrorCodes.IdempotencyKeyReused] = new(StatusCodes.Status422UnprocessableEntity, "The Idempotency-Key was used for a different request."),
        [ErrorCodes.WeightOutOfRange] = new(StatusCodes.Status409Conflict, "The correction would take remaining weight outside 0 to total."),
        [ErrorCodes.SpoolWeightUnknown] = new(StatusCodes.Status409Conflict, "The empty spool's weight is unknown."),
        [NoLeader] = new(StatusCodes.Status503ServiceUnavailable, "The cluster has no leader right now."),
        [LeaderUnreachable] = new(StatusCodes.Status503ServiceUnavailable, "The leader cannot be reached."),
        [CommitTimeout] = new(StatusCodes.Status503ServiceUnavailable, "A majority did not confirm in time."),
        [MembershipChangeInProgress] = new(StatusCodes.Status503ServiceUnavailable, "Another membership change is running."),

        // 503, not 507: the cluster has room, this node does not, and a 503 sends clients on to another member.
        [InsufficientStorage] = new(StatusCodes.Status503ServiceUnavailable, "This node's disk is full."),
        [MembershipChangeFailed] = new(StatusCodes.Status409Conflict, "The membership change did not happen."),
        [Unauthorized] = new(StatusCodes.Status401Unauthorized, "A valid token is required."),
        [Forbidden] = new(StatusCodes.Status403Forbidden, "The token's role does not allow this."),
        [ForeignOrigin] = new(StatusCodes.Status403Forbidden, "Writes from another site's pages are refused."),
        [RouteNotFound] = new(StatusCodes.Status404NotFound, "No such endpoint."),
        [MethodNotAllowed] = new(StatusCodes.Status405MethodNotAllowed, "Method not allowed."),
        [UnsupportedMediaType] = new(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type."),
        [BodyTooLarge] = new(StatusCodes.Status413PayloadTooLarge, "The request body is too large."),
        [RateLimited] = new(StatusCodes.Status429TooManyRequests, "Too many requests."),
        [Internal] = new(StatusCodes.Status500InternalServerError, "Unexpected error."),
    };

    /// <summary>Seconds a client should wait before retrying a 503: about one election.</summary>
    public const int RetryAfterSeconds = 1;

    /// <summary>The code a store failure is reported with.</summary>
    public static string CodeOf(UnavailableReason reason) => reason switch
    {
        UnavailableReason.LeaderUnreachable => LeaderUnreachable,
        UnavailableReason.CommitTimeout => CommitTimeout,
        UnavailableReason.MembershipChangeInProgress => MembershipChangeInProgress,
        UnavailableReason.StorageFull => InsufficientStorage,
        _ => NoLeader,
    };

    /// <summary>A code missing from the catalog is a bug; it is reported as an internal error rather than guessed at.</summary>
    public static ProblemKind KindOf(string code) => Entries.TryGetValue(code, out var kind) ? kind : Entries[Internal];

    public static ProblemDetails Create(string code, string detail, string? instance = null)
    {
        var kind = KindOf(code);
        var problem = new ProblemDetails
        {
            Type = $"urn:raft3d:problem:{code}",
            Title = kind.Title,
            Status = kind.Status,
            Detail = detail,
            Instance = instance,
        };
        problem.Extensions["code"] = code;
        return problem;
    }

    /// <summary>
    /// Gives the framework's own problems (unknown route, wrong content type, ...) a stable code and a
    /// useful detail too, so a client can always switch on <c>code</c>.
    /// </summary>
    public static void AddMissingCode(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code"))
        {
            return;
        }

        var request = context.HttpContext.Request;
        var (code, detail) = problem.Status switch
        {
            StatusCodes.Status404NotFound => (RouteNotFound, $"There is no endpoint at {request.Method} {request.Path}. See /swagger."),
            StatusCodes.Status405MethodNotAllowed => (MethodNotAllowed, $"{request.Path} does not accept {request.Method}. See /swagger."),
            StatusCodes.Status415UnsupportedMediaType => (UnsupportedMediaType, "Send the body as JSON with Content-Type: application/json."),
            StatusCodes.Status400BadRequest => (ErrorCodes.ValidationFailed, problem.Detail ?? "The request is malformed."),
            _ => (Internal, problem.Detail ?? "The node hit an unexpected error."),
        };
        problem.Extensions["code"] = code;
        problem.Type = $"urn:raft3d:problem:{code}";
        problem.Detail ??= detail;
        problem.Instance ??= request.Path;
    }
}
