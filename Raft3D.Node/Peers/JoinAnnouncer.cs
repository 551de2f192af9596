using Raft3D.Node.Configuration;

namespace Raft3D.Node.Peers;

/// <summary>
/// Once this node learns it is outside the cluster's configuration (<see cref="JoinRequest"/>), asks the cluster,
/// through the API of any configured member, to add it, and keeps asking until the cluster says yes: the
/// leader can warm this node up only once its raft listener serves, which is after DotNext learns it must join.
/// A hosted service, so the loop stops with the node.
/// </summary>
public sealed class JoinAnnouncer(JoinRequest request, LeaderApiClient client, Raft3DOptions options, ILogger<JoinAnnouncer> logger) : BackgroundService
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(1);

    /// <summary>Adding a member includes warming it up (replicating the log to it), which takes a while on a long log.</summary>
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var raftUrl = await request.WaitAsync(stoppingToken);
            for (var attempt = 1; ; attempt++)
            {
                if (await AskEveryMemberAsync(raftUrl, attempt, stoppingToken))
                {
                    return;
                }

                await Task.Delay(RetryPause, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping.
        }
    }

    private async Task<bool> AskEveryMemberAsync(Uri raftUrl, int attempt, CancellationToken token)
    {
        var agreed = await client.AskAnyMemberAsync(
            options.Members.Select(member => (member.Id, member.Http)),
            (apiUrl, attemptToken) => client.AskToJoinAsync(apiUrl, raftUrl, attemptToken),
            AttemptTimeout,
            token);
        if (agreed is { } through)
        {
            logger.LogInformation("Joined the cluster through {Member} after {Attempts} attempt(s)", through.Member, attempt);
        }

        return agreed is not null;
    }
}
