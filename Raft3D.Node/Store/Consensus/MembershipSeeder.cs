using DotNext.Net.Cluster.Consensus.Raft.Membership;
using Microsoft.AspNetCore.Connections;
using Raft3D.Node.Configuration;

namespace Raft3D.Node.Store.Consensus;

/// <summary>
/// Writes the configured members into the membership file on a node's first start. Runs before the cluster
/// starts. A file that already holds members wins: it reflects every change committed since.
/// A joining node writes nothing; it learns the configuration from the leader.
/// </summary>
public sealed class MembershipSeeder(IClusterConfigurationStorage<UriEndPoint> storage, Raft3DOptions options, ILogger<MembershipSeeder> logger)
{
    public async Task SeedAsync(CancellationToken token)
    {
        var configuration = await storage.LoadConfigurationAsync(token);
        if (configuration.Members.Count > 0)
        {
            logger.LogInformation("Membership from disk: {Members}", string.Join(", ", configuration.Members.Select(m => m.Uri)));
            return;
        }

        if (options.Join)
        {
            logger.LogInformation("Joining: no membership on disk; will ask the cluster to add this node");
            return;
        }

        foreach (var member in options.Members)
        {
            configuration = configuration.Add(new UriEndPoint(new Uri(member.Raft, UriKind.Absolute)));
        }

        await storage.SaveConfigurationAsync(configuration, configurationVersion: 0L, token);
        logger.LogInformation("Membership initialised from configuration: {Members}", string.Join(", ", options.Members.Select(m => $"{m.Id}={m.Raft}")));
    }
}
