using Raft3D.Cli;
using Raft3D.Client;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Cli;

/// <summary>raft3d jobs watch through a real node process that is SIGKILLed: it goes on through another node.</summary>
[TestFixture]
[Category("Faults")]
[NonParallelizable]
public sealed class JobWatchFailoverTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Jobs_watch_through_a_killed_leader_prints_each_later_change_once_in_order()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        var watched = await cluster.WaitForLeaderAsync();
        var urls = cluster.Nodes.OrderBy(n => n.Id == watched ? 0 : 1).Select(n => n.ApiUrl).ToList();
        using var writer = new Raft3DClient(urls.Skip(1).Select(u => new Uri(u)));
        var story = new FailoverJobStory("kw");
        var output = new SynchronizedWriter();
        var errors = new SynchronizedWriter();
        using var stop = new CancellationTokenSource();
        var environment = new CliEnvironment(output, errors, IsTerminal: false, new Dictionary<string, string?>());
        var watch = CliApp.RunAsync(["--nodes", string.Join(',', urls), "jobs", "watch", "--interval", "0.2"], environment, stop.Token);

        await Eventually.HoldsAsync(() => Task.FromResult(output.Text.Contains("watching", StringComparison.Ordinal)), Timeout, "the watch to read the job list");
        await story.BeforeAsync(writer);
        await Eventually.HoldsAsync(() => Task.FromResult(output.Text.Contains(story.LineOfFirst, StringComparison.Ordinal)), Timeout, $"'{story.LineOfFirst}' in: {output.Text}");
        cluster.Kill(watched);
        await story.AfterAsync(writer);
        await Eventually.HoldsAsync(() => Task.FromResult(output.Text.Contains(story.LinesAfter[^1], StringComparison.Ordinal)), Timeout, $"'{story.LinesAfter[^1]}' in: {output.Text}");
        await stop.CancelAsync();
        var exit = await watch.WaitAsync(Timeout);

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(ExitCodes.Success));
            Assert.That(WatchLines.Of(output.Text), Is.EqualTo(new[] { "watching 0 jobs; Ctrl+C to stop", story.LineOfFirst }.Concat(story.LinesAfter)), $"stderr: {errors.Text}");
            Assert.That(errors.Text, Does.Contain($"stream from {urls[0]}/ lost: "), "the break is told on stderr");
            Assert.That(errors.Text, Does.Not.Contain("reset"), "the next node resumed after the last event: no reload was needed");
        });
    }
}
