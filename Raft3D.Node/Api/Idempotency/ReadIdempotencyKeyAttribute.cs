using Microsoft.AspNetCore.Mvc.Filters;
using Raft3D.Node.Api.Problems;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Api.Idempotency;

/// <summary>
/// Checks the Idempotency-Key of every POST, PATCH and DELETE of the farm API before the action runs, so a malformed key is a
/// 400 and nothing is proposed; a good one is kept for <see cref="FarmControllerBase"/> to put in the command.
/// A plain synchronous action filter, not an <see cref="ActionFilterAttribute"/>: that one is also an asynchronous
/// action and result filter, so MVC ran every request through two more async wrappers for nothing.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReadIdempotencyKeyAttribute : Attribute, IActionFilter
{
    public void OnActionExecuted(ActionExecutedContext context)
    {
    }

    public void OnActionExecuting(ActionExecutingContext context)
    {
        var request = context.HttpContext.Request;
        if (!IdempotencyHeaders.AppliesTo(request))
        {
            return;
        }

        if (!IdempotencyHeaders.TryRead(request, out var key, out var error))
        {
            context.Result = ProblemWriter.Result(ProblemWriter.Prepare(context.HttpContext, ErrorCodes.ValidationFailed, error!));
            return;
        }

        if (key is not null)
        {
            IdempotencyHeaders.Remember(context.HttpContext, key);
        }
    }
}
