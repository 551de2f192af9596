using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Observability;

[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class MetricsTests
{
    private InProcessCluster cluster = null!;

    [OneTimeSetUp]
    public async Task StartCluster() => cluster = await InProcessCluster.StartAsync(snapshotInterval: 3);

    [OneTimeTearDown]
    public async Task StopCluster() => await cluster.DisposeAsync();

    [Test]
    public async Task Exactly_one_node_reports_itself_leader()
    {
        var leader = await cluster.WaitForLeaderAsync();
        var perNode = new Dictionary<string, double>();
        foreach (var node in cluster.Nodes)
        {
            perNode[node.Id] = Value(await ScrapeAsync(node.Id), "raft3d_is_leader");
        }

        Assert.Multiple(() =>
        {
            Assert.That(perNode.Values.Sum(), Is.EqualTo(1), string.Join(", ", perNode));
            Assert.That(perNode[leader], Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Domain_raft_and_forwarding_figures_follow_the_state()
    {
        var leader = await cluster.WaitForLeaderAsync();
        var follower = cluster.AFollower(leader);
        var forwardedBefore = Value(await ScrapeAsync(follower), "raft3d_forwarded_requests_total", "result=\"ok\"");
        await (await cluster.Client(follower).CreatePrinterAsync("m-p")).ExpectAsync(HttpStatusCode.Created, "printer");
        await (await cluster.Client(follower).CreateFilamentAsync("m-f", 1000m)).ExpectAsync(HttpStatusCode.Created, "filament");
        await (await cluster.Client(follower).CreateJobAsync("m-j", "m-p", "m-f", 250.5m)).ExpectAsync(HttpStatusCode.Created, "job");
        await (await cluster.Client(follower).SetStatusAsync("m-j", "Running")).ExpectAsync(HttpStatusCode.OK, "running");
        await (await cluster.Client(follower).SetStatusAsync("m-j", "Done")).ExpectAsync(HttpStatusCode.OK, "done");

        var leaderMetrics = await ScrapeAsync(leader);
        var followerMetrics = await ScrapeAsync(follower);
        Assert.Multiple(() =>
        {
            Assert.That(Value(leaderMetrics, "raft3d_filament_remaining_grams", "filament_id=\"m-f\""), Is.EqualTo(749.5));
            Assert.That(Value(leaderMetrics, "raft3d_print_jobs", "status=\"Done\""), Is.GreaterThanOrEqualTo(1));
            Assert.That(Value(leaderMetrics, "raft3d_printers"), Is.GreaterThanOrEqualTo(1));
            Assert.That(Value(leaderMetrics, "raft3d_members"), Is.EqualTo(3));
            Assert.That(Value(leaderMetrics, "raft3d_commit_index"), Is.GreaterThanOrEqualTo(5));
            Assert.That(Value(leaderMetrics, "raft3d_term"), Is.GreaterThanOrEqualTo(1));
            Assert.That(Value(leaderMetrics, "raft3d_snapshots_total", "kind=\"taken\""), Is.GreaterThanOrEqualTo(1), "snapshot interval is 3 entries");
            Assert.That(Value(followerMetrics, "raft3d_forwarded_requests_total", "result=\"ok\""), Is.EqualTo(forwardedBefore + 5));
            Assert.That(followerMetrics, Does.Contain("http_requests_received_total{").And.Contain("endpoint=\"api/v1/print_jobs/{id}/status\""));
            Assert.That(leaderMetrics, Does.Contain("http_request_duration_seconds_bucket{"));
            Assert.That(leaderMetrics, Does.Contain("dotnext_io_writeaheadlog_entries_commit"), "DotNext's WAL meter");
            Assert.That(leaderMetrics, Does.Contain("system_runtime_"), "the runtime's meters");
            Assert.That(leaderMetrics, Does.Contain("microsoft_aspnetcore_server_kestrel_"), "Kestrel's meters");
            Assert.That(leaderMetrics, Does.Not.Contain("microsoft_aspnetcore_hosting_http_server_request_duration"), "left out: http_request_duration_seconds gives it");
            Assert.That(leaderMetrics, Does.Not.Contain("microsoft_aspnetcore_authentication_").And.Not.Contain("microsoft_aspnetcore_authorization_"), "left out: they record on every request, and 401/403 are in http_requests_received_total");
        });
    }

    [Test]
    public async Task Ledger_stock_and_idempotency_figures_follow_the_state()
    {
        var leader = await cluster.WaitForLeaderAsync();
        var follower = cluster.AFollower(leader);
        var replaysBefore = await ReplaysOnEveryNodeAsync();
        using var created = await cluster.Client(follower).SendAsync(HttpMethod.Post, "/api/v1/filaments", new { id = "ml-f", type = "PLA", color = "Red", total_weight_in_grams = 1000m, low_stock_threshold_in_grams = 990m }, null, null);
        await created.ExpectAsync(HttpStatusCode.Created, "spool with a high threshold");
        await (await cluster.Client(follower).CreateFilamentAsync("ml-g", 500m)).ExpectAsync(HttpStatusCode.Created, "spool to archive");
        var key = Guid.NewGuid().ToString();
        await (await cluster.Client(follower).AdjustAsync("ml-f", -20m, key: key)).ExpectAsync(HttpStatusCode.OK, "adjustment");
        using var replay = await cluster.Client(leader).AdjustAsync("ml-f", -20m, key: key);
        await replay.ExpectAsync(HttpStatusCode.OK, "the adjustment again");
        Assert.That(replay.IsReplay(), Is.True, "a replay");
        var withSpool = await ScrapeAsync(leader);
        await (await cluster.Client(follower).DeleteAsync("/api/v1/filaments/ml-g")).ExpectAsync(HttpStatusCode.NoContent, "archive ml-g");

        var leaderMetrics = await ScrapeAsync(leader);
        Assert.Multiple(async () =>
        {
            Assert.That(Value(withSpool, "raft3d_filament_available_grams", "filament_id=\"ml-g\""), Is.EqualTo(500), "a live spool");
            Assert.That(Value(leaderMetrics, "raft3d_filament_available_grams", "filament_id=\"ml-f\""), Is.EqualTo(980));
            Assert.That(leaderMetrics, Does.Not.Contain("raft3d_filament_available_grams{filament_id=\"ml-g\"}"), "an archived spool's series goes");
            Assert.That(Value(leaderMetrics, "raft3d_filaments_low_stock"), Is.GreaterThanOrEqualTo(1), "ml-f is below its threshold");
            Assert.That(Value(leaderMetrics, "raft3d_ledger_entries", "kind=\"initial\""), Is.GreaterThanOrEqualTo(2));
            Assert.That(Value(leaderMetrics, "raft3d_ledger_entries", "kind=\"adjust\""), Is.GreaterThanOrEqualTo(1));
            Assert.That(Value(leaderMetrics, "raft3d_ledger_entries", "kind=\"measure\""), Is.GreaterThanOrEqualTo(0), "every kind has a series");
            Assert.That(Value(leaderMetrics, "raft3d_idempotency_keys"), Is.GreaterThanOrEqualTo(1));
            Assert.That(await ReplaysOnEveryNodeAsync(), Is.EqualTo(replaysBefore + 1), "one replay, counted once across the nodes");
        });
    }

    [Test]
    public async Task The_exposition_parses_with_promtool()
    {
        const string promtool = "/usr/bin/promtool";
        if (!File.Exists(promtool))
        {
            Assert.Ignore("promtool is missing (Debian package 'prometheus'; .ci/run installs it).");
        }

        // A write first, so that DotNext's WAL counters have recorded whatever order the tests run in.
        var leader = await cluster.WaitForLeaderAsync();
        await (await cluster.Client(leader).CreatePrinterAsync("promtool-p")).ExpectAsync(HttpStatusCode.Created, "printer");

        var text = await ScrapeAsync(cluster.Nodes[0].Id);
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, text);
        var (exitCode, output) = await ProcessRunner.RunAsync("sh", ["-c", $"{promtool} check metrics < {file}"], Path.GetTempPath(), null, TimeSpan.FromSeconds(30));
        File.Delete(file);

        // Exit 1 is a parse error, exit 3 promtool's naming lint: DotNext's and the runtime's "...-count" instruments
        // used to trip it as "_count" gauges; RenamingMeterListener now exports them under conforming names.
        Assert.That(exitCode, Is.EqualTo(0), output);
        var complaints = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(complaints.Where(line => line.StartsWith("raft3d_", StringComparison.Ordinal) || line.StartsWith("http_", StringComparison.Ordinal)), Is.Empty, output);
        Assert.That(output, Does.Not.Contain("error"));

        // Renamed, not dropped: DotNext's WAL and Raft counters are still there, now typed as Prometheus counters.
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("# TYPE dotnext_io_writeaheadlog_entries_commit_total counter\n"));
            Assert.That(Value(text, "dotnext_io_writeaheadlog_entries_commit_total"), Is.GreaterThanOrEqualTo(1));
            Assert.That(text, Does.Contain("# TYPE dotnext_net_cluster_consensus_raft_server_transitions_to_leader_total counter\n"));
            Assert.That(text, Does.Not.Contain("dotnext_io_writeaheadlog_entries_commit_count"), "the old, misnamed gauge");
        });
    }

    [Test]
    public async Task An_OpenMetrics_scrape_carries_no_exemplars()
    {
        // The node exports no traces, so an exemplar's trace_id would point nowhere; looking it up cost every request.
        var leader = await cluster.WaitForLeaderAsync();
        await (await cluster.Client(leader).CreatePrinterAsync("exemplar-p")).ExpectAsync(HttpStatusCode.Created, "printer");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.ParseAdd("application/openmetrics-text; version=1.0.0");
        using var response = await cluster.Client(leader).SendAsync(request);
        await response.ExpectAsync(HttpStatusCode.OK, "GET /metrics as OpenMetrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.That(text, Does.Contain("http_request_duration_seconds_bucket{").And.Contain("# EOF"), "an OpenMetrics exposition of measured requests");
        Assert.That(text, Does.Not.Contain("trace_id"));
    }

    private async Task<string> ScrapeAsync(string nodeId)
    {
        using var response = await cluster.Client(nodeId).GetAsync("/metrics");
        await response.ExpectAsync(HttpStatusCode.OK, "GET /metrics");
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<double> ReplaysOnEveryNodeAsync()
    {
        var sum = 0d;
        foreach (var node in cluster.Nodes)
        {
            sum += Value(await ScrapeAsync(node.Id), "raft3d_idempotent_replays_total");
        }

        return sum;
    }

    private static double Value(string exposition, string name, string? label = null)
    {
        var pattern = label is null
            ? $@"^{Regex.Escape(name)} (\S+)$"
            : $@"^{Regex.Escape(name)}\{{[^}}]*{Regex.Escape(label)}[^}}]*\}} (\S+)$";
        var match = Regex.Match(exposition, pattern, RegexOptions.Multiline);
        Assert.That(match.Success, Is.True, $"no sample {name}{(label is null ? string.Empty : "{" + label + "}")}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
