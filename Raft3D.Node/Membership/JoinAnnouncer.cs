using DotNext.Net.Cluster.Consensus.Raft.Membership;
using Microsoft.AspNetCore.Connections;
using Raft3D.Node.Configuration;

namespace Raft3D.Node.Membership;

/// <summary>
/// Called by DotNext when this node starts outside the cluster's configuration: asks the cluster, through
/// the API of any configured member (a follower forwards to the leader), to add this node. It retries in
/// the background until the cluster says yes, because the leader can only warm this node up once its raft
/// listener is serving, which happens after DotNext calls us.
/// </summary>
public sealed class JoinAnnouncer(
    Raft3DOptions options,
    IClusterConfigurationStorage<UriEndPoint> storage,
    IHostApplicationLifetime lifetime,
    ILogger<JoinAnnouncer> logger)
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(1);

    public async Task AnnounceAsync(UriEndPoint address, IReadOnlyDictionary<string, string> metadata, CancellationToken token)
    {
        // DotNext calls this on every start without coldStart; a node already in the configuration has nothing to ask.
        var configuration = await storage.LoadConfigurationAsync(token);
        if (configuration.Members.Any(m => m.Uri == address.Uri))
        {
            return;
        }

        if (!options.Join)
        {
            logger.LogWarning("This node ({RaftUrl}) is not in the cluster's membership and Raft3D:Join is off; it stays a standby until an operator adds it", address.Uri);
            return;
        }

        _ = Task.Run(() => AnnounceUntilAddedAsync(address.Uri, lifetime.ApplicationStopping), CancellationToken.None);
    }

    private async Task AnnounceUntilAddedAsync(Uri raftUrl, CancellationToken stopping)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var body = new { id = options.NodeId, raft = raftUrl.ToString(), http = options.HttpUrl };
        for (var attempt = 1; !stopping.IsCancellationRequested; attempt++)
        {
            foreach (var member in options.Members)
            {
                try
                {
                    using var response = await http.PostAsJsonAsync(new Uri(new Uri(member.Http), "/cluster/members"), body, stopping);
                    if (response.IsSuccessStatusCode)
                    {
                        logger.LogInformation("Joined the cluster through {Member} after {Attempts} attempt(s)", member.Id, attempt);
                        return;
                    }

                    logger.LogDebug("Join through {Member} answered {Status}: {Body}", member.Id, (int)response.StatusCode, await response.Content.ReadAsStringAsync(stopping));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !stopping.IsCancellationRequested)
                {
                    logger.LogDebug("Join through {Member} failed: {Error}", member.Id, e.Message);
                }
            }

            try
            {
                await Task.Delay(RetryPause, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
