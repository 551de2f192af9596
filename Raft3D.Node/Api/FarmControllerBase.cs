using Microsoft.AspNetCore.Mvc;
using Raft3D.Node.Api.Idempotency;
using Raft3D.Node.Api.Paging;
using Raft3D.Node.Api.Problems;
using Raft3D.Node.Api.Routing;
using Raft3D.Node.Api.Versions;
using Raft3D.Node.Configuration;
using Raft3D.Node.Store;
using Raft3D.StateMachine;
using Raft3D.StateMachine.Commands;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Api;

/// <summary>
/// What every farm controller does the same way: answer with a problem, propose a command with the request's
/// If-Match and Idempotency-Key, turn an outcome into a response with its ETag (and Idempotent-Replayed when it
/// is a kept one), and page a list.
/// </summary>
[ApiController]
[ReadIdempotencyKey]
// Reusable: the filter holds nothing per request, and MVC would otherwise build it and an uncached filter list for every request.
[TypeFilter<CountIdempotentReplaysFilter>(IsReusable = true)]
public abstract class FarmControllerBase : ControllerBase
{
    /// <summary>The request's Idempotency-Key (checked by <see cref="ReadIdempotencyKeyAttribute"/>), or null.</summary>
    protected string? IdempotencyKeyValue => IdempotencyHeaders.KeyOf(HttpContext);

    protected ObjectResult ProblemResult(string code, string detail) => ProblemWriter.Result(ProblemWriter.Prepare(HttpContext, code, detail));

    protected ObjectResult FieldProblem(IReadOnlyList<string> problems)
    {
        var result = ProblemResult(ErrorCodes.ValidationFailed, string.Join(" ", problems));
        ((ProblemDetails)result.Value!).Extensions["errors"] = problems;
        return result;
    }

    /// <summary>Created → 201 with Location; updated or unchanged (a replay) → 200; rejected → its problem.</summary>
    /// <param name="outcome">What applying the command did.</param>
    /// <param name="toResponse">The entity as the API shows it.</param>
    /// <param name="locationOf">Where a created entity is read; null for commands that never create.</param>
    protected IActionResult FromOutcome<TEntity>(CommandOutcome outcome, Func<TEntity, IVersionedResponse> toResponse, Func<TEntity, string>? locationOf)
        where TEntity : class
    {
        if (outcome.Error is { } error)
        {
            MarkIfReplayed(outcome);
            return ProblemResult(error.Code, error.Detail);
        }

        var entity = (TEntity)outcome.Entity!;
        var response = toResponse(entity);
        EntityTag.Set(Response, response.Version);
        MarkIfReplayed(outcome);
        return outcome.Kind == OutcomeKind.Created && locationOf is not null
            ? Created(locationOf(entity), response)
            : Ok(response);
    }

    /// <summary>
    /// Proposes a create with the request's Idempotency-Key: 201 with Location (again for a replay by key, as the
    /// first answer was), or 200 for a replay by id without a key.
    /// </summary>
    protected async Task<IActionResult> CreateAsync<TEntity>(
        IFarmStore store,
        Command command,
        Func<TEntity, IVersionedResponse> toResponse,
        Func<TEntity, string> locationOf,
        CancellationToken token)
        where TEntity : class
    {
        // A create has no version to match: If-Match is not read, as before.
        var (outcome, problem) = await ProposeAsync(store, command, conditional: false, token);
        return problem ?? FromOutcome(outcome!, toResponse, locationOf);
    }

    /// <summary>
    /// Proposes a change to an existing entity with the request's If-Match, and answers with the entity it changed.
    /// Never a create, so never a Location.
    /// </summary>
    protected async Task<IActionResult> ExecuteAsync<TEntity>(IFarmStore store, Command command, Func<TEntity, IVersionedResponse> toResponse, CancellationToken token)
        where TEntity : class
    {
        var (outcome, problem) = await ProposeAsync(store, command, conditional: true, token);
        return problem ?? FromOutcome(outcome!, toResponse, locationOf: null);
    }

    /// <summary>As <see cref="ExecuteAsync{TEntity}"/>, answering 204 on success: for deletes.</summary>
    protected async Task<IActionResult> ExecuteWithoutContentAsync(IFarmStore store, Command command, CancellationToken token)
    {
        var (outcome, problem) = await ProposeAsync(store, command, conditional: true, token);
        if (problem is not null)
        {
            return problem;
        }

        MarkIfReplayed(outcome!);
        return outcome!.Error is { } error ? ProblemResult(error.Code, error.Detail) : NoContent();
    }

    /// <summary>One entity, with its version as ETag.</summary>
    protected IActionResult Entity(IVersionedResponse response)
    {
        EntityTag.Set(Response, response.Version);
        return Ok(response);
    }

    /// <summary>Reads limit and cursor; <paramref name="problem"/> is the 400 to answer when they are wrong.</summary>
    protected bool TryReadPage(int? limit, string? cursor, out PageRequest page, out IActionResult? problem)
    {
        var ok = ListPaging.TryRead(limit, cursor, out page, out var error);
        problem = ok ? null : ProblemResult(ErrorCodes.ValidationFailed, error!);
        return ok;
    }

    protected IReadOnlyList<TOut> PageOf<T, TOut>(Page<T> page, PageRequest request, Func<T, TOut> map)
        => ListPaging.Answer(HttpContext, page, request, map);

    protected static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// The id a create gives its entity: the request's, else one derived from its Idempotency-Key (so a retry is
    /// the same request), else a new one.
    /// </summary>
    protected string NewId(RequestShape shape, string? requested)
        => requested is null && IdempotencyKeyValue is { } key ? IdempotencyHeaders.IdFor(key) : shape.IdOrNew("id", requested);

    /// <summary>
    /// The command with the request's If-Match and Idempotency-Key, proposed (here, or by the leader when this node
    /// follows); or the 400 for an If-Match that names no version. The key goes with this node's window, which the
    /// leader replaces with its own for a forwarded command, as only the leader proposes.
    /// </summary>
    private async Task<(CommandOutcome? Outcome, IActionResult? Problem)> ProposeAsync(IFarmStore store, Command command, bool conditional, CancellationToken token)
    {
        long? expected = null;
        if (conditional && !EntityTag.TryReadIfMatch(Request, out expected, out var badTag))
        {
            return (null, ProblemResult(ErrorCodes.ValidationFailed, badTag!));
        }

        var window = HttpContext.RequestServices.GetRequiredService<Raft3DOptions>().Idempotency.Window;
        var key = IdempotencyKeyValue is { } value ? new IdempotencyKey(value, window) : null;
        command = command with { ExpectedVersion = expected, Idempotency = key };
        if (HttpContext.Features.Get<CommandForwardingFeature>() is not { } forwarding)
        {
            return (await store.ExecuteAsync(command, token), null);
        }

        // A follower: the leader proposes it (with its own window) and answers with the outcome rendered below.
        var forwarded = await HttpContext.RequestServices.GetRequiredService<CommandForwarding>().ExecuteAsync(HttpContext, forwarding.Leader, command, token);
        return forwarded.Outcome is { } outcome
            ? (outcome, null)
            : (null, ProblemResult(forwarded.ProblemCode!, forwarded.ProblemDetail!));
    }

    /// <summary>A kept outcome answered again: the client learns its retry changed nothing.</summary>
    private void MarkIfReplayed(CommandOutcome outcome)
    {
        if (outcome.IsReplay)
        {
            Response.Headers[IdempotencyHeaders.Replayed] = "true";
        }
    }
}
