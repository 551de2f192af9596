using DotNext.Net.Cluster;
using Raft3D.Node.Cluster;
using Raft3D.Node.Forwarding;
using Raft3D.Node.Hosting;

namespace Raft3D.Node.Reads;

/// <summary>A follower's question to the leader: "up to which index must I apply before I may read?"</summary>
public sealed class LeaderReadIndex(LeaderLocator leaders, LeaderForwardingClient connections, ClusterTopology topology)
{
    /// <summary>The leader's read index, or null if that member is not (or no longer) the leader.</summary>
    public async Task<long?> AskAsync(IClusterMember leader, CancellationToken token)
    {
        if (await leaders.DescribeAsync(leader, token) is not { ApiUrl: { } api })
        {
            return null;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(api), "/cluster/read-index"));
        request.Headers.Add(NodeHeaders.ForwardedBy, topology.Local.Id);
        try
        {
            using var response = await connections.Invoker.SendAsync(request, token);
            return response.IsSuccessStatusCode
                ? (await response.Content.ReadFromJsonAsync<ReadIndexResponse>(token))?.Index
                : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
