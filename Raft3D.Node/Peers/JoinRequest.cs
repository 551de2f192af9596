namespace Raft3D.Node.Peers;

/// <summary>
/// The signal between DotNext's member announcer, which learns that this node is outside the cluster's
/// configuration, and <see cref="JoinAnnouncer"/>, which asks the cluster to add it. Set at most once a run.
/// </summary>
public sealed class JoinRequest
{
    private readonly TaskCompletionSource<Uri> requested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Asks the announcer to get this node (at <paramref name="raftUrl"/>) added; later calls are ignored.</summary>
    public void Request(Uri raftUrl) => requested.TrySetResult(raftUrl);

    public Task<Uri> WaitAsync(CancellationToken token) => requested.Task.WaitAsync(token);
}
