using DotNext.Net.Cluster.Consensus.Raft.Membership;
using Microsoft.AspNetCore.Connections;
using Raft3D.Node.Configuration;
using Raft3D.Node.Peers;

namespace Raft3D.Node.Store.Consensus;

/// <summary>
/// DotNext's <c>ClusterMemberAnnouncer</c>: called when this node starts without coldStart. A node outside the
/// configuration hands the asking over to <see cref="JoinAnnouncer"/>, which retries until the cluster adds it.
/// </summary>
public sealed class MemberAnnouncer(IClusterConfigurationStorage<UriEndPoint> storage, JoinRequest joinRequest, Raft3DOptions options, ILogger<MemberAnnouncer> logger)
{
    public async Task AnnounceAsync(UriEndPoint address, IReadOnlyDictionary<string, string> metadata, CancellationToken token)
    {
        // DotNext calls this on every start; a node already in the configuration has nothing to ask.
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

        joinRequest.Request(address.Uri);
    }
}
