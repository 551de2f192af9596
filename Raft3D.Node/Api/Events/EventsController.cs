using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Raft3D.Node.Api.Problems;
using Raft3D.Node.Api.Routing;
using Raft3D.Node.Configuration;
using Raft3D.Node.Store;
using Raft3D.Node.Store.Events;
using Raft3D.StateMachine.Outcomes;

namespace Raft3D.Node.Api.Events;

/// <summary>The farm's changes, live, as Server-Sent Events: what dashboards and <c>raft3d jobs watch</c> follow.</summary>
[ApiController]
[Route("api/v1/events")]
public sealed class EventsController(
    FarmEventJournal journal,
    EventFrameRenderer renderer,
    IFarmStore store,
    Raft3DOptions options,
    IHostApplicationLifetime lifetime) : ControllerBase
{
    /// <summary>
    /// Follow the farm's changes as this node applies them (never forwarded: any node serves it). Each event is
    /// <c>printer</c>, <c>filament</c>, <c>print_job</c> or <c>ledger</c> with the entity's JSON as the API shows
    /// it and the log index as its id; <c>cluster</c> (no id) on connect and when the leader or the members
    /// change; <c>reset</c> when the client must reload its lists. A comment line comes every 15 s on a quiet stream.
    /// </summary>
    /// <param name="types">Only these event types, comma-separated: printer, filament, print_job, ledger, cluster. Reset always comes.</param>
    /// <param name="since">Resume after this log index (as the Last-Event-ID header does; the header wins): events
    /// the node still holds are sent first, in order; if it no longer holds them, a reset comes first.</param>
    [HttpGet]
    [NodeLocalStream]
    [Produces("text/event-stream")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> Stream([FromQuery] string? types, [FromQuery] string? since, CancellationToken token)
    {
        if (EventQuery.ParseTypes(types, out var wanted) is { } typesProblem)
        {
            return Problem(typesProblem);
        }

        var resumeFrom = Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } header ? header : since;
        if (EventQuery.ParseSince(resumeFrom, out var after) is { } sinceProblem)
        {
            return Problem(sinceProblem);
        }

        // Subscribed before the greeting is read: a leader change between the two then comes after it, not never.
        using var subscription = journal.Subscribe(after, wanted, store.Progress.LastLogIndex);
        var greeting = await ClusterNotices.CurrentAsync(store, token);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token, lifetime.ApplicationStopping, subscription.Dropped);

        Response.ContentType = "text/event-stream";
        Response.Headers.CacheControl = "no-cache";
        // Proxies such as nginx buffer responses unless told not to; a stream that arrives in lumps is not live.
        Response.Headers["X-Accel-Buffering"] = "no";
        HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var writer = new EventStreamWriter(Response, renderer, journal, TimeSpan.FromSeconds(options.Events.HeartbeatSeconds));
        try
        {
            await writer.RunAsync(subscription, wanted.Contains(EventTypes.Cluster) ? greeting : null, after ?? 0, stop.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client left, the node is stopping, or a client that fell behind never read its reset: cut it.
            if (subscription.Dropped.IsCancellationRequested)
            {
                HttpContext.Abort();
            }
        }

        return new EmptyResult();
    }

    private ObjectResult Problem(string detail) => ProblemWriter.Result(ProblemWriter.Prepare(HttpContext, ErrorCodes.ValidationFailed, detail));
}
