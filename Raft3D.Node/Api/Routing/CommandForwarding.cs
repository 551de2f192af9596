using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Net.Http.Headers;
using Raft3D.Node.Api.Problems;
using Raft3D.Node.Configuration;
using Raft3D.Node.Observability;
using Raft3D.Node.Peers;
using Raft3D.Node.Security;
using Raft3D.Node.Store;
using Raft3D.StateMachine.Codec;
using Raft3D.StateMachine.Commands;

namespace Raft3D.Node.Api.Routing;

/// <summary>
/// A follower's half of a farm write: the command its controller built (after this node's authentication, binding
/// and shape checks) goes to the leader in its binary form, batched with other clients' (<see cref="LeaderCommandForwarder"/>),
/// with the caller's credentials for the leader to judge again. The leader's outcome, entity included, comes back
/// for the controller to render exactly as the leader would have; the response names the leader and its term, as a
/// proxied answer does, and this node in X-Raft3D-Forwarded-By.
/// </summary>
public sealed class CommandForwarding(LeaderCommandForwarder forwarder, IFarmStore store, Raft3DOptions options, NodeMetrics metrics, ILogger<CommandForwarding> logger)
{
    public async Task<ForwardedOutcome> ExecuteAsync(HttpContext context, NodeAddress leader, Command command, CancellationToken token)
    {
        var request = context.Request;
        var policies = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(data => data.Policy).OfType<string>().Distinct(StringComparer.Ordinal).ToArray() ?? [];
        var forwarded = new ForwardedCommand(CommandCodec.Encode(command), request.Headers.Authorization.ToString(), policies, request.Method, request.Path);
        for (var attempt = 1; ; attempt++)
        {
            ForwardedReply reply;
            try
            {
                reply = await forwarder.ForwardAsync(leader.ApiUrl!, forwarded, token);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException or InvalidDataException or ObjectDisposedException)
            {
                metrics.RecordForward(false);
                logger.LogWarning("Forwarding {Method} {Path} to leader {Leader} at {Url} as a command failed: {Error}", request.Method, request.Path, leader.Id, leader.ApiUrl, e.Message);
                return ForwardedOutcome.Problem(
                    ProblemCatalog.LeaderUnreachable,
                    $"The leader {leader.Id} at {leader.ApiUrl} could not be reached ({e.Message}). If the request reached it, it may have been applied: retry with the same Idempotency-Key (or a create with the same id).");
            }

            metrics.RecordForward(true);
            if (reply is { Leading: true, Outcome: { } outcome })
            {
                Render(context, reply, outcome);
                return outcome;
            }

            // The receiver lost leadership before the batch came and proposed none of it, so sending the command
            // once more cannot apply it twice. Once: the leader it goes to then never forwards it again either.
            var next = attempt == 1 ? await AwaitNextLeaderAsync(leader, token) : null;
            if (next is not null && store.IsLeader)
            {
                var (applied, index) = await store.ProposeAsync(command, token);
                return ForwardedOutcome.Applied(applied, index);
            }

            if (next?.ApiUrl is null || next.RaftUrl == leader.RaftUrl)
            {
                return ForwardedOutcome.Problem(
                    ProblemCatalog.NoLeader,
                    $"{reply.LeaderId} no longer leads and no other leader answered in time, so the write was not taken. Retry in a moment.");
            }

            leader = next;
        }
    }

    /// <summary>
    /// The leader after <paramref name="refused"/>, which said it no longer leads. This node may still name it for
    /// a moment (it has not heard of the election yet), so wait for another, as long as the middleware waits for
    /// an election; null if none came.
    /// </summary>
    private async Task<NodeAddress?> AwaitNextLeaderAsync(NodeAddress refused, CancellationToken token)
    {
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLeaderChanged(LeaderChange change)
        {
            // Raised inside Raft's state change: only signal here.
            if (change.IsLocal || (change.Leader is { } leader && leader.RaftUrl != refused.RaftUrl))
            {
                changed.TrySetResult();
            }
        }

        store.LeaderChanged += OnLeaderChanged;
        try
        {
            if (!store.IsLeader && await store.FindLeaderAsync(token) is { } known && known.RaftUrl == refused.RaftUrl)
            {
                await changed.Task.WaitAsync(options.ElectionGrace, token);
            }

            return await store.AwaitLeaderAsync(token);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            store.LeaderChanged -= OnLeaderChanged;
        }
    }

    /// <summary>The headers a proxied answer carried: the leader served it, in its term, through this node.</summary>
    private void Render(HttpContext context, ForwardedReply reply, ForwardedOutcome outcome)
    {
        var headers = context.Response.Headers;
        headers[NodeHeaders.ServedBy] = reply.LeaderId;
        headers[NodeHeaders.Leader] = reply.LeaderId;
        headers[NodeHeaders.Term] = reply.Term.ToString(CultureInfo.InvariantCulture);
        headers[NodeHeaders.ForwardedBy] = store.Self.Id;
        if (outcome.ProblemCode == ProblemCatalog.Unauthorized)
        {
            // What the leader's own challenge says: a token it does not know is invalid, none at all is only missing.
            headers[HeaderNames.WWWAuthenticate] = context.Request.Headers.Authorization.Count == 0
                ? TokenAuthenticationHandler.MissingTokenChallenge
                : TokenAuthenticationHandler.InvalidTokenChallenge;
        }
    }
}
