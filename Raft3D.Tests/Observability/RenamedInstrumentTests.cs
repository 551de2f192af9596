using System.Diagnostics.Metrics;
using Prometheus;
using Raft3D.Node.Observability;

namespace Raft3D.Tests.Observability;

/// <summary>
/// A renamed instrument keeps each tag set's measurements in its own series, however the sets alternate: the
/// last series it recorded into is reused only for the same tags.
/// </summary>
[TestFixture]
[Category("Fast")]
public sealed class RenamedInstrumentTests
{
    [Test]
    public async Task Measurements_land_in_the_series_of_their_own_tags()
    {
        using var meter = new Meter("Raft3D.Tests.Renamed");
        var counter = meter.CreateCounter<long>("entries-commit-count");
        var registry = Metrics.NewCustomRegistry();
        var renamed = RenamedInstrument.Create(counter, Metrics.WithCustomRegistry(registry))!;

        KeyValuePair<string, object?>[] first = [new("location", "/data/a"), new("kind", "log")];
        KeyValuePair<string, object?>[] second = [new("location", "/data/b"), new("kind", "log")];
        KeyValuePair<string, object?>[] none = [];
        renamed.Record(1, first);
        renamed.Record(2, first);
        renamed.Record(10, second);
        renamed.Record(4, first);
        renamed.Record(100, none);
        renamed.Record(20, second);

        using var exposition = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(exposition);
        var text = System.Text.Encoding.UTF8.GetString(exposition.ToArray());
        Assert.Multiple(() =>
        {
            Assert.That(renamed.Name, Is.EqualTo("raft3d_tests_renamed_entries_commit_total"));
            Assert.That(text, Does.Contain("raft3d_tests_renamed_entries_commit_total{kind=\"log\",location=\"/data/a\"} 7\n"));
            Assert.That(text, Does.Contain("raft3d_tests_renamed_entries_commit_total{kind=\"log\",location=\"/data/b\"} 30\n"));
            Assert.That(text, Does.Contain("raft3d_tests_renamed_entries_commit_total 100\n"));
        });
    }
}
