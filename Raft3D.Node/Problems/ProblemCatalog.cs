using Microsoft.AspNetCore.Mvc;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Problems;

/// <summary>
/// Turns an error code into an RFC 7807 problem. The code decides the status, so every path that reports
/// the same error (controller, middleware, exception handler) reports it the same way.
/// </summary>
public static class ProblemCatalog
{
    public const string CommitTimeout = "commit_timeout";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string RouteNotFound = "route_not_found";
    public const string MethodNotAllowed = "method_not_allowed";

    public static int StatusOf(string code) => code switch
    {
        ErrorCodes.ValidationFailed => StatusCodes.Status400BadRequest,
        ErrorCodes.NotFound or RouteNotFound => StatusCodes.Status404NotFound,
        ErrorCodes.DuplicateId or ErrorCodes.UnknownReference or ErrorCodes.InsufficientFilament
            or ErrorCodes.InvalidTransition or ErrorCodes.PrinterBusy => StatusCodes.Status409Conflict,
        UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        MethodNotAllowed => StatusCodes.Status405MethodNotAllowed,
        ErrorCodes.NoLeader or ErrorCodes.LeaderUnreachable or CommitTimeout => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ProblemDetails Create(string code, string detail, string? instance = null)
    {
        var status = StatusOf(code);
        var problem = new ProblemDetails
        {
            Type = $"urn:raft3d:problem:{code}",
            Title = TitleOf(code),
            Status = status,
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
            _ => (ErrorCodes.Internal, problem.Detail ?? "The node hit an unexpected error."),
        };
        problem.Extensions["code"] = code;
        problem.Type = $"urn:raft3d:problem:{code}";
        problem.Detail ??= detail;
        problem.Instance ??= request.Path;
    }

    private static string TitleOf(string code) => code switch
    {
        ErrorCodes.ValidationFailed => "The request is invalid.",
        ErrorCodes.NotFound => "No such entity.",
        RouteNotFound => "No such endpoint.",
        ErrorCodes.DuplicateId => "The id is already taken.",
        ErrorCodes.UnknownReference => "A referenced entity does not exist.",
        ErrorCodes.InsufficientFilament => "Not enough filament.",
        ErrorCodes.InvalidTransition => "That status change is not allowed.",
        ErrorCodes.PrinterBusy => "The printer is busy.",
        ErrorCodes.NoLeader => "The cluster has no leader right now.",
        ErrorCodes.LeaderUnreachable => "The leader cannot be reached.",
        CommitTimeout => "A majority did not confirm in time.",
        UnsupportedMediaType => "Unsupported content type.",
        MethodNotAllowed => "Method not allowed.",
        _ => "Unexpected error.",
    };
}
