using System.Threading.Channels;
using Raft3D.Node.Configuration;

namespace Raft3D.Node.Peers;

/// <summary>
/// Carries the commands a follower's clients write to the leader, batched: each client's command waits in one
/// queue, and a few senders each take whatever is queued (up to <see cref="MaxCommandsPerBatch"/>) into one HTTP
/// request. Under load a batch fills while the previous one is in flight, so 64 clients cost a few requests per
/// replication round instead of 64 proxied requests, each a second full HTTP, MVC and JSON pass on the leader.
/// </summary>
public sealed class LeaderCommandForwarder : IAsyncDisposable
{
    /// <summary>
    /// Bounds one request body (see the leader's batch limit) and one batch's wait; more clients than this simply
    /// fill the next batch.
    /// </summary>
    public const int MaxCommandsPerBatch = 128;

    /// <summary>
    /// Batches in flight at once. One would leave the leader idle while its answer travels back; a few keep it fed
    /// while each batch is still large, which is what saves the leader's CPU.
    /// </summary>
    private const int Senders = 2;

    /// <summary>Beyond the leader's own wait for a majority, time for the batch and its answer to travel.</summary>
    private static readonly TimeSpan TravelAllowance = TimeSpan.FromSeconds(2);

    private readonly Channel<PendingForward> queue = Channel.CreateUnbounded<PendingForward>();
    private readonly LeaderApiClient client;
    private readonly TimeSpan answerTimeout;
    private readonly Task[] senders;

    public LeaderCommandForwarder(LeaderApiClient client, Raft3DOptions options)
    {
        this.client = client;
        answerTimeout = TimeSpan.FromMilliseconds(options.QuorumWaitTimeoutMs) + TravelAllowance;
        senders = [.. Enumerable.Range(0, Senders).Select(_ => Task.Run(SendBatchesAsync))];
    }

    /// <summary>
    /// Queues <paramref name="command"/> for the leader at <paramref name="leaderApiUrl"/> and returns its share of the
    /// answer. A client that gives up (<paramref name="token"/>) stops waiting, but a command already sent may
    /// still be applied, as with any write whose answer is lost.
    /// </summary>
    /// <exception cref="HttpRequestException">The leader could not be reached or refused the batch.</exception>
    /// <exception cref="TimeoutException">The leader did not answer in time.</exception>
    /// <exception cref="InvalidDataException">The leader's answer could not be read.</exception>
    public Task<ForwardedReply> ForwardAsync(string leaderApiUrl, ForwardedCommand command, CancellationToken token)
    {
        var pending = new PendingForward(leaderApiUrl, command, new TaskCompletionSource<ForwardedReply>(TaskCreationOptions.RunContinuationsAsynchronously));
        return queue.Writer.TryWrite(pending)
            ? pending.Reply.Task.WaitAsync(token)
            : Task.FromException<ForwardedReply>(new ObjectDisposedException(nameof(LeaderCommandForwarder), "The node is shutting down."));
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await Task.WhenAll(senders);
    }

    private async Task SendBatchesAsync()
    {
        var batch = new List<PendingForward>(MaxCommandsPerBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxCommandsPerBatch && queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            // Nearly always one leader; around an election the queue may hold commands addressed to two.
            foreach (var group in batch.GroupBy(pending => pending.LeaderApiUrl, StringComparer.Ordinal))
            {
                await SendAsync(group.Key, [.. group]);
            }

            batch.Clear();
        }
    }

    /// <summary>Sends one batch and completes each of its commands; never throws, so a failed batch never stops a sender.</summary>
    private async Task SendAsync(string leaderApiUrl, IReadOnlyList<PendingForward> batch)
    {
        try
        {
            using var timeout = new CancellationTokenSource(answerTimeout);
            byte[] answerBytes;
            try
            {
                answerBytes = await client.SendCommandsAsync(leaderApiUrl, CommandBatchCodec.EncodeRequest([.. batch.Select(pending => pending.Command)]), timeout.Token);
            }
            catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"no answer within {answerTimeout.TotalSeconds:0.#} s", e);
            }

            var answer = CommandBatchCodec.DecodeAnswer(answerBytes);
            if (answer.Leading && answer.Outcomes.Count != batch.Count)
            {
                throw new InvalidDataException($"the leader answered {answer.Outcomes.Count} outcomes to {batch.Count} commands");
            }

            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Reply.TrySetResult(new ForwardedReply(answer.Leading, answer.LeaderId, answer.Term, answer.Leading ? answer.Outcomes[i] : null));
            }
        }
        catch (Exception e)
        {
            foreach (var pending in batch)
            {
                pending.Reply.TrySetException(e);
            }
        }
    }
}
