using System.Net;
using System.Text.Json;
using Raft3D.Client;
using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Cli;

/// <summary>The typed client under the CLI: paging by Link rel="next", and If-Match surfacing as a problem.</summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class ClientPagingTests
{
    private InProcessCluster cluster = null!;
    private Raft3DClient client = null!;

    [OneTimeSetUp]
    public async Task StartCluster()
    {
        // One node is enough: paging and versions are the API's, not the cluster's.
        cluster = await InProcessCluster.StartAsync(size: 1);
        client = cluster.ApiClient(cluster.Nodes[0].Id);
        for (var i = 1; i <= 5; i++)
        {
            var created = await client.CreatePrinterAsync(new NewPrinter($"pg-p{i}", "Prusa", "MK4"));
            Assert.That(created.IsSuccess, Is.True, created.RawJson);
        }

        var maintenance = await client.SetPrinterMaintenanceAsync("pg-p2", inMaintenance: true);
        Assert.That(maintenance.IsSuccess, Is.True, maintenance.RawJson);
    }

    [OneTimeTearDown]
    public async Task StopCluster()
    {
        client.Dispose();
        await cluster.DisposeAsync();
    }

    [Test]
    public async Task A_limited_list_is_one_page_with_the_total_and_a_link_to_the_next()
    {
        var first = await client.ListPrintersAsync(state: null, limit: 2);
        var second = await client.NextPageAsync(first);
        var idle = await client.ListPrintersAsync("Idle", limit: 2);

        Assert.Multiple(() =>
        {
            Assert.That(first.Value!.Select(p => p.Id), Is.EqualTo(new[] { "pg-p1", "pg-p2" }));
            Assert.That(first.TotalCount, Is.EqualTo(5));
            Assert.That(first.NextPage, Does.StartWith("/api/v1/printers?").And.Contain("cursor="));
            Assert.That(second.Value!.Select(p => p.Id), Is.EqualTo(new[] { "pg-p3", "pg-p4" }));
            Assert.That(idle.TotalCount, Is.EqualTo(4), "the filter counts, pg-p2 is in maintenance");
            Assert.That(idle.NextPage, Does.Contain("state=Idle"), "the next page keeps the filter");
        });
    }

    [Test]
    public async Task All_pages_walks_to_the_last_and_joins_them_in_creation_order()
    {
        var all = await client.AllPagesAsync(await client.ListPrintersAsync(state: null, limit: 2));
        var idle = await client.AllPagesAsync(await client.ListPrintersAsync("Idle", limit: 1));
        var unpaged = await client.ListPrintersAsync();

        Assert.Multiple(() =>
        {
            Assert.That(all.IsSuccess, Is.True);
            Assert.That(all.Value!.Select(p => p.Id), Is.EqualTo(unpaged.Value!.Select(p => p.Id)));
            Assert.That(all.NextPage, Is.Null);
            Assert.That(all.RawJson, Is.EqualTo(unpaged.RawJson), "the joined pages are the API's own JSON");
            Assert.That(idle.Value!.Select(p => p.Id), Is.EqualTo(new[] { "pg-p1", "pg-p3", "pg-p4", "pg-p5" }));
        });
    }

    [Test]
    public async Task A_stale_if_match_is_a_412_problem_like_any_other()
    {
        var printer = (await client.GetPrinterAsync("pg-p5")).Value!;
        var edited = await client.EditPrinterAsync("pg-p5", new PrinterPatch(Model: "MK4S"), printer.Version);
        var stale = await client.EditPrinterAsync("pg-p5", new PrinterPatch(Company: "Other"), printer.Version);
        var bad = await client.ListPrintersAsync(state: null, limit: 0);

        Assert.Multiple(() =>
        {
            Assert.That(edited.IsSuccess, Is.True, edited.RawJson);
            Assert.That(edited.Value!.Version, Is.GreaterThan(printer.Version));
            Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
            Assert.That(stale.Problem?.Code, Is.EqualTo("version_mismatch"));
            Assert.That(stale.Value, Is.Null);
            Assert.That(JsonDocument.Parse(stale.RawJson).RootElement.GetProperty("code").GetString(), Is.EqualTo("version_mismatch"));
            Assert.That(bad.Problem?.Code, Is.EqualTo("validation_failed"));
        });
    }
}
