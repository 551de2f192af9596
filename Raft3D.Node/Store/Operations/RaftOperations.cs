using DotNext.Net.Cluster;
using DotNext.Net.Cluster.Consensus.Raft;
using Raft3D.Node.Store.Commands;
using Raft3D.Node.Store.Reads;
using Raft3D.StateMachine;
using Raft3D.StateMachine.Commands;

namespace Raft3D.Node.Store.Operations;

/// <summary>Operator actions on the cluster: snapshot now, step down, back up.</summary>
public sealed class RaftOperations(
    IRaftCluster cluster,
    CommandReplicator commands,
    FarmStateMachine stateMachine,
    LinearizableReads reads,
    ILogger<RaftOperations> logger)
{
    public async Task<long> SnapshotAsync(CancellationToken token)
    {
        var (_, index) = await commands.ExecuteAsync(new Checkpoint(TakeSnapshot: true), token);

        // DotNext seals a snapshot file when the next entry is applied; this entry is that next one.
        await commands.ExecuteAsync(new Checkpoint(TakeSnapshot: false), token);
        logger.LogInformation("Snapshot requested by an operator at log index {Index}", index);
        return index;
    }

    public async Task<long> ResignAsync(CancellationToken token)
    {
        var term = cluster.Term;
        var resigned = await ((ICluster)cluster).ResignAsync(token);
        logger.LogInformation("Leader resign requested in term {Term}: {Result}", term, resigned ? "stepped down" : "was not the leader");
        return resigned
            ? term
            : throw new ClusterUnavailableException(
                UnavailableReason.NoLeader,
                "This node was not the leader when the request arrived; retry, it will be forwarded to the current leader.");
    }

    /// <remarks>
    /// Like <c>etcdctl snapshot save</c>. The read is linearizable (the node first catches up with the leader),
    /// so the backup holds every write acknowledged before the request.
    /// </remarks>
    public async Task<FarmBackup> BackupAsync(CancellationToken token)
    {
        if (!await reads.TryCatchUpAsync(token))
        {
            throw new ClusterUnavailableException(UnavailableReason.NoLeader, "No leader and majority confirmed this node's state in time, and a backup needs a linearizable read; retry.");
        }

        var (index, bytes) = stateMachine.CreateBackup();
        return new FarmBackup(index, bytes);
    }
}
