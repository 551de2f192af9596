using Microsoft.AspNetCore.Mvc.Filters;
using Raft3D.Node.Api.Problems;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Api.Idempotency;

/// <summary>
/// Checks the Idempotency-Key of every POST, PATCH and DELETE of the farm API before the action runs, so a malformed key is a
/// 400 and nothing is proposed; a good one is kept for <see cref="FarmControllerBase"/> to put in the command.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReadIdempotencyKeyAttribute : ActionFilterAttribute
{
    public override void OnActionExecuting(ActionExecutingContext context)
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
