namespace Raft3D.Node.Peers;

/// <summary>
/// Bounds each outgoing Raft request by what it carries: InstallSnapshot, which carries the whole farm, gets
/// DotNext's RPC timeout as configured (<c>Raft3D:SnapshotTransferTimeoutMs</c>); every other request keeps the
/// deadline DotNext 6.12 gives it by default: half the upper election timeout for votes, pre-votes and
/// AppendEntries, the upper election timeout for the rest (metadata, resign, synchronize, custom messages).
/// </summary>
/// <remarks>
/// DotNext gives every Raft request one RPC timeout. At its default of 250 ms a follower that needs longer to take
/// in a snapshot (a large farm, or a follower busy forwarding writes) installs it after the leader has counted the
/// request as failed; the leader sends the same snapshot again, the follower refuses one it already holds and hears
/// no leader, and each new snapshot goes the same way (measured: a follower without a leader for seconds at a time,
/// a third of the writes sent through it refused). A longer timeout for every request would instead hold each vote
/// round that long whenever a peer's host is gone with connections open (DotNext waits for every member's vote),
/// and failover would slow down. DotNext names each request's kind in the X-Raft-Message-Type header.
/// </remarks>
public sealed class RaftRequestDeadlines(TimeSpan upperElectionTimeout) : DelegatingHandler
{
    private const string MessageTypeHeader = "X-Raft-Message-Type";
    private const string InstallSnapshot = "InstallSnapshot";
    private static readonly string[] RaftExchanges = ["AppendEntries", "PreVote", "RequestVote"];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var kind = request.Headers.TryGetValues(MessageTypeHeader, out var kinds) ? kinds.FirstOrDefault() : null;
        if (kind is null or InstallSnapshot)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(RaftExchanges.Contains(kind, StringComparer.Ordinal) ? upperElectionTimeout / 2 : upperElectionTimeout);
        return await base.SendAsync(request, deadline.Token);
    }
}
