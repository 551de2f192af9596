using Raft3D.Client;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Cli;

/// <summary>
/// The client's event watch against a real three-node cluster: a resumption gives exactly what was missed, and a
/// watch whose node stops goes on through another node with every later change once, in log order.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class EventStreamTests : CliClusterFixture
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Resuming_with_the_last_event_id_after_a_disconnect_gives_exactly_the_missed_events()
    {
        var (writerNode, resumingNode, followingNode) = (Cluster.Nodes[0], Cluster.Nodes[1], Cluster.Nodes[2]);
        using var writer = Cluster.ApiClient(writerNode.Id);
        using var resuming = Cluster.ApiClient(resumingNode.Id);
        using var following = Cluster.ApiClient(followingNode.Id);
        var start = (await resuming.GetClusterStatusAsync(new Uri(resumingNode.ApiUrl))).Value!.LastAppliedIndex;

        // One reader follows throughout on another node: what it gets after the disconnect is what was missed.
        await using var throughout = new EventRecorder(following, new EventWatchOptions { Since = start });
        await using var before = new EventRecorder(resuming, new EventWatchOptions { Since = start });
        Assert.That((await writer.CreatePrinterAsync(new NewPrinter("rs-p", "Prusa", "MK4"))).IsSuccess, Is.True);
        Assert.That((await writer.CreateFilamentAsync(new NewFilament("rs-f", "PLA", "Red", 1000, null))).IsSuccess, Is.True);
        var first = (await writer.CreatePrintJobAsync(new NewPrintJob("rs-j1", "rs-p", "rs-f", "/prints/rs-j1.gcode", 50))).Value!;
        await before.ThroughAsync(first.Version, Timeout);
        await before.DisposeAsync();

        // Read once it has left: an entry's later events may still have been arriving when the first one was seen.
        var seenBefore = before.Events;
        var lastSeen = seenBefore.Last(e => e.Id is not null).Id!.Value;

        // Missed: a job, a start, a Done (filament, ledger, printer and print_job events of one entry), an
        // adjustment, a printer; written through two nodes.
        using var other = Cluster.ApiClient(followingNode.Id);
        Assert.That((await writer.CreatePrintJobAsync(new NewPrintJob("rs-j2", "rs-p", "rs-f", "/prints/rs-j2.gcode", 20))).IsSuccess, Is.True);
        Assert.That((await other.ChangePrintJobStatusAsync("rs-j1", "Running")).IsSuccess, Is.True);
        Assert.That((await writer.ChangePrintJobStatusAsync("rs-j1", "Done")).IsSuccess, Is.True);
        Assert.That((await other.AdjustFilamentAsync("rs-f", -12.5m, "purged")).IsSuccess, Is.True);
        var last = (await writer.CreatePrinterAsync(new NewPrinter("rs-p2", "Bambu", "X1C"))).Value!;

        await using var after = new EventRecorder(resuming, new EventWatchOptions { Since = lastSeen });
        var resumed = Entities(await after.ThroughAsync(last.Version, Timeout));
        var all = Entities(await throughout.ThroughAsync(last.Version, Timeout));
        var missed = all.Where(e => e.Id > lastSeen).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(Entities(seenBefore).Select(Describe), Is.EqualTo(all.Where(e => e.Id <= lastSeen).Select(Describe)), "before the disconnect, both readers saw the same");
            Assert.That(resumed.Select(Describe), Is.EqualTo(missed.Select(Describe)), "after it, exactly the missed events, in order");
            Assert.That(missed.Select(e => e.Type).Distinct(), Is.EquivalentTo(new[] { "print_job", "printer", "filament", "ledger" }));
            Assert.That(resumed.Select(e => e.Node).Distinct(), Is.EqualTo(new[] { new Uri(resumingNode.ApiUrl) }));
        });
    }

    [Test]
    public async Task A_watch_whose_node_stops_goes_on_through_another_with_each_later_change_once_in_order()
    {
        // A cluster of its own: this test stops its leader.
        await using var own = await InProcessCluster.StartAsync();
        var watched = await own.WaitForLeaderAsync();
        var urls = own.Nodes.OrderBy(n => n.Id == watched ? 0 : 1).Select(n => new Uri(n.ApiUrl)).ToList();
        using var watching = new Raft3DClient(urls);
        using var writer = new Raft3DClient(urls.Skip(1));
        var story = new FailoverJobStory("sw");

        await using var recorder = new EventRecorder(watching, new EventWatchOptions { Types = [FarmEventTypes.PrintJob] });
        var first = await story.BeforeAsync(writer);
        await recorder.ThroughAsync(first.Version, Timeout);
        await own.StopNodeAsync(watched);
        var changes = await story.AfterAsync(writer);
        var events = Entities(await recorder.ThroughAsync(changes[^1].Version, Timeout));

        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => (e.As<PrintJob>().Id, e.As<PrintJob>().Status, e.Id)), Is.EqualTo(new[] { first }.Concat(changes).Select(j => (j.Id, j.Status, (long?)j.Version))), "each change once, in log order");
            Assert.That(events[0].Node, Is.EqualTo(urls[0]));
            Assert.That(events.Skip(1).Select(e => e.Node), Has.None.EqualTo(urls[0]), "the later ones through another node");
        });
    }

    /// <summary>The events about entities: without cluster events, which are live only and differ per node.</summary>
    private static List<FarmEvent> Entities(IEnumerable<FarmEvent> events) => [.. events.Where(e => e.Id is not null)];

    private static string Describe(FarmEvent e) => $"{e.Id} {e.Type} {e.RawJson}";
}
