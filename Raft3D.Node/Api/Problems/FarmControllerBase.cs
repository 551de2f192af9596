using Microsoft.AspNetCore.Mvc;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Api.Problems;

/// <summary>What every farm controller does the same way: answer with a problem, or turn an outcome into a response.</summary>
[ApiController]
public abstract class FarmControllerBase : ControllerBase
{
    protected ObjectResult ProblemResult(string code, string detail)
    {
        var problem = ProblemWriter.Prepare(HttpContext, code, detail);
        return new ObjectResult(problem) { StatusCode = problem.Status, ContentTypes = { "application/problem+json" } };
    }

    protected ObjectResult FieldProblem(IReadOnlyList<string> problems)
    {
        var result = ProblemResult(ErrorCodes.ValidationFailed, string.Join(" ", problems));
        ((ProblemDetails)result.Value!).Extensions["errors"] = problems;
        return result;
    }

    /// <summary>Created → 201 with Location; updated or unchanged (a replay) → 200; rejected → its problem.</summary>
    protected IActionResult FromOutcome<TEntity>(CommandOutcome outcome, Func<TEntity, object> toResponse, Func<TEntity, string> locationOf)
        where TEntity : class
    {
        if (outcome.Error is { } error)
        {
            return ProblemResult(error.Code, error.Detail);
        }

        var entity = (TEntity)outcome.Entity!;
        return outcome.Kind == OutcomeKind.Created
            ? Created(locationOf(entity), toResponse(entity))
            : Ok(toResponse(entity));
    }
}
