using DotNext.Net.Cluster.Consensus.Raft;
using DotNext.Net.Cluster.Consensus.Raft.Http;
using Raft3D.Node.Configuration;
using Raft3D.Node.Security;
using Raft3D.Node.Store.Consensus;
using Raft3D.Node.Store.Operations;
using Raft3D.Node.Store.Storage;
using Raft3D.StateMachine;

namespace Raft3D.Node.Store.Raft;

/// <summary>The store's part of starting a node: check and prepare the data directory, serve the raft listener.</summary>
public static class StoreStartup
{
    /// <summary>Before anything is built: refuses a data directory this configuration would misread.</summary>
    /// <exception cref="InvalidConfigurationException">The log was written with another chunk size.</exception>
    public static void CheckDataDirectory(Raft3DOptions options) => ExistingLogCheck.EnsureChunkSizeMatches(options);

    /// <summary>Restores a backup if asked, loads the newest snapshot, and writes the initial membership on a first start.</summary>
    /// <exception cref="InvalidConfigurationException">A backup, snapshot or log cannot be read; the node must not start.</exception>
    public static async Task PrepareAsync(WebApplication app, Raft3DOptions options, CancellationToken token)
    {
        if (!string.IsNullOrWhiteSpace(options.RestoreFrom))
        {
            BackupRestorer.RestoreInto(options.RestoreFrom, Path.GetFullPath(options.DataDirectory), app.Logger);
        }

        try
        {
            // Before anything resolves IRaftCluster: the log must be opened over the restored snapshot,
            // or it would replay every entry from the start.
            await app.RestoreStateAsync<FarmStateMachine>(token);
            await app.Services.GetRequiredService<MembershipSeeder>().SeedAsync(token);
        }
        catch (InvalidDataException e)
        {
            await app.DisposeAsync();
            throw new InvalidConfigurationException(e.Message);
        }
    }

    /// <summary>
    /// The raft listener serves DotNext's consensus protocol and nothing else: its handler, behind the guard that
    /// refuses requests without proof of membership when one is configured, and the gate that refuses entries
    /// while the disk is full.
    /// </summary>
    public static void ServeConsensusProtocol(IApplicationBuilder raft)
    {
        if (raft.ApplicationServices.GetService<ClusterProof>() is not null || raft.ApplicationServices.GetRequiredService<TlsOptions>().RequireClientCertificate)
        {
            raft.UseMiddleware<RaftChannelGuard>();
        }

        raft.UseMiddleware<StorageFullRaftGate>();
        raft.UseConsensusProtocolHandler();
    }
}
