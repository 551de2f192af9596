using Raft3D.Node.Configuration;
using Raft3D.Node.Security;
using Raft3D.Node.Tls;
using Yarp.ReverseProxy.Forwarder;

namespace Raft3D.Node.Peers;

/// <summary>
/// Everything this node says to another node's API: forward a client's write to the leader (proxied, or as a
/// batch of binary commands), ask the leader for a read index, relay a membership change to a new leader, ask a member to add this node or to snapshot. One connection pool,
/// shared and long-lived, so requests reuse warm connections instead of paying a TCP handshake each. Requests
/// meant for the leader name this node in <see cref="PeerHeaders.ForwardedBy"/>, so the receiver never forwards
/// them again; requests to any member (join, snapshot) do not, so a follower forwards them to its leader.
/// What this node asks on its own behalf carries the cluster proof; a client's forwarded request carries only
/// the client's own credentials, so it never gains this node's rights.
/// </summary>
public sealed class LeaderApiClient(Raft3DOptions options, NodeCertificates certificates, IHttpForwarder forwarder, ILogger<LeaderApiClient> logger, ClusterProof? proof = null) : IDisposable
{
    /// <summary>A read index is one replication round on the leader; longer means the leader is in trouble.</summary>
    private static readonly TimeSpan ReadIndexTimeout = TimeSpan.FromSeconds(2);

    private readonly HttpMessageInvoker invoker = new(OutgoingConnections.CreateHandler(options.RaftUrl, TimeSpan.FromSeconds(1), certificates, presentCertificate: false));
    private readonly ForwardingTransformer transformer = new(options.NodeId);

    /// <summary>Sends the client's request to the leader with YARP and copies the leader's response back unchanged.</summary>
    public async Task<ForwarderError> ForwardAsync(HttpContext context, string leaderApiUrl)
        => await forwarder.SendAsync(context, leaderApiUrl, invoker, ForwarderRequestConfig.Empty, transformer);

    /// <summary>
    /// Sends a batch of forwarded commands (<see cref="CommandBatchCodec"/>) to the leader and returns its answer's
    /// bytes. Signed as this node's own call: the endpoint is for members only, and each command carries its
    /// caller's credentials for the leader to judge.
    /// </summary>
    /// <exception cref="HttpRequestException">The leader could not be reached or did not answer 200.</exception>
    /// <exception cref="TimeoutException">The leader did not accept a connection in time.</exception>
    public async Task<byte[]> SendCommandsAsync(string leaderApiUrl, byte[] batch, CancellationToken token)
    {
        using var request = Request(HttpMethod.Post, leaderApiUrl, "/cluster/commands");
        request.Content = new ByteArrayContent(batch);
        request.Content.Headers.ContentType = new(CommandBatchCodec.ContentType);
        proof?.Sign(request);
        using var response = await SendCoreAsync(request, token);
        return response.IsSuccessStatusCode
            ? await response.Content.ReadAsByteArrayAsync(token)
            : throw new HttpRequestException($"the leader answered {(int)response.StatusCode} to the command batch", null, response.StatusCode);
    }

    /// <summary>The leader's read index, or null when it would not confirm (not the leader any more, unreachable, slow).</summary>
    public async Task<long?> AskReadIndexAsync(string leaderApiUrl, CancellationToken token)
    {
        using var request = Request(HttpMethod.Get, leaderApiUrl, "/cluster/read-index");
        proof?.Sign(request);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(ReadIndexTimeout);
        try
        {
            using var response = await invoker.SendAsync(request, timeout.Token);
            return response.IsSuccessStatusCode
                ? (await response.Content.ReadFromJsonAsync<ReadIndexResponse>(timeout.Token))?.Index
                : null;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or System.Text.Json.JsonException
            || e is OperationCanceledException && !token.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Asks the leader to remove member <paramref name="id"/>; its answer is relayed as it came.</summary>
    public Task<LeaderAnswer> RemoveMemberAsync(string leaderApiUrl, string id, CancellationToken token)
        => SendAsync(Request(HttpMethod.Delete, leaderApiUrl, $"/cluster/members/{Uri.EscapeDataString(id)}"), token);

    /// <summary>Asks a member (which forwards to the leader if it does not lead) to add this node to the cluster.</summary>
    public Task<LeaderAnswer> AskToJoinAsync(string memberApiUrl, Uri raftUrl, CancellationToken token)
    {
        // Not marked as forwarded: the member may be a follower and must forward it to the leader.
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(memberApiUrl), "/cluster/members"))
        {
            Content = JsonContent.Create(new { id = options.NodeId, raft = raftUrl.ToString(), http = options.HttpUrl }),
        };
        return SendAsync(request, token);
    }

    /// <summary>Asks a member (which forwards to the leader if it does not lead) to make every node snapshot now.</summary>
    public Task<LeaderAnswer> AskForSnapshotAsync(string memberApiUrl, CancellationToken token)
        => SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(memberApiUrl), "/cluster/snapshot")), token);

    /// <summary>
    /// Puts one question to the members in turn until one answers 2xx, each attempt bounded by
    /// <paramref name="attemptTimeout"/>. Returns the member that agreed and its answer, or null when none did.
    /// Never throws for a member's failure: callers ask again in their next round, and an exception escaping
    /// a hosted service would stop the node.
    /// </summary>
    public async Task<(string Member, LeaderAnswer Answer)?> AskAnyMemberAsync(
        IEnumerable<(string Name, string ApiUrl)> members,
        Func<string, CancellationToken, Task<LeaderAnswer>> ask,
        TimeSpan attemptTimeout,
        CancellationToken token)
    {
        foreach (var (name, apiUrl) in members)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
            timeout.CancelAfter(attemptTimeout);
            try
            {
                var answer = await ask(apiUrl, timeout.Token);
                if (answer.IsSuccess)
                {
                    return (name, answer);
                }

                logger.LogDebug("{Member} answered {Status}: {Body}", name, answer.StatusCode, answer.Body);
            }
            catch (Exception e) when (!token.IsCancellationRequested)
            {
                // Unreachable, cut off, slow: the next member may not be.
                logger.LogDebug("Asking {Member} at {Url} failed: {Error}", name, apiUrl, e.Message);
            }
        }

        return null;
    }

    public void Dispose() => invoker.Dispose();

    private HttpRequestMessage Request(HttpMethod method, string apiUrl, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(new Uri(apiUrl), path));
        request.Headers.Add(PeerHeaders.ForwardedBy, options.NodeId);
        return request;
    }

    /// <summary>
    /// Sends on the shared pool. The handler's connect timeout (a member whose address drops SYNs, such as a stopped
    /// container's) ends a request as a cancellation nobody asked for; callers get it as the timeout it is.
    /// </summary>
    private async Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken token)
    {
        try
        {
            return await invoker.SendAsync(request, token);
        }
        catch (OperationCanceledException e) when (!token.IsCancellationRequested && e.InnerException is TimeoutException connect)
        {
            throw new TimeoutException(connect.Message, e);
        }
    }

    private async Task<LeaderAnswer> SendAsync(HttpRequestMessage request, CancellationToken token)
    {
        using (request)
        {
            proof?.Sign(request);
            using var response = await SendCoreAsync(request, token);
            var body = await response.Content.ReadAsStringAsync(token);
            return new LeaderAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "application/json", body);
        }
    }
}
