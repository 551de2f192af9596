using System.Net;
using Raft3D.Cli;
using Raft3D.Client;

namespace Raft3D.Tests.Cli;

/// <summary>
/// Idempotency-Keys end to end on a real three-node cluster: a write resent with its key, through another node,
/// applies once, whether the client resends it itself (failover after a lost answer) or a script runs raft3d again.
/// </summary>
[TestFixture]
[Category("Integration")]
[NonParallelizable]
public sealed class ExactlyOnceTests : CliClusterFixture
{
    private Uri First => new(Cluster.Nodes[0].ApiUrl);

    private Uri Second => new(Cluster.Nodes[1].ApiUrl);

    [Test]
    public async Task A_create_whose_answer_is_lost_is_resent_to_the_next_node_with_its_key_and_makes_one_spool()
    {
        // The first node applies the create; its answer never reaches the client, which tries the second node.
        var transport = new LosesFirstAnswer();
        using var client = new Raft3DClient([First, Second], handler: transport);

        var created = await client.CreateFilamentAsync(new NewFilament(null, "PETG", "Lost-Answer-Orange", 750, null));
        using var reader = Cluster.ApiClient(Cluster.Nodes[2].Id);
        var spools = (await reader.ListFilamentsAsync()).Value!.Where(f => f.Color == "Lost-Answer-Orange").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(transport.Lost, Is.EqualTo(1), "the first answer was dropped after the node had it");
            Assert.That(created.IsSuccess, Is.True, created.RawJson);
            Assert.That(created.Node, Is.EqualTo(Second));
            Assert.That(created.Replayed, Is.True, "the second node answered with the first try's outcome");
            Assert.That(spools.Select(f => f.Id), Is.EqualTo(new[] { created.Value!.Id }), "one spool, the one the answer names");
        });
    }

    [Test]
    public async Task An_adjustment_whose_answer_is_lost_is_resent_with_its_key_and_takes_its_grams_once()
    {
        using var setup = Cluster.ApiClient(Cluster.Nodes[0].Id);
        Assert.That((await setup.CreateFilamentAsync(new NewFilament("eo-lost", "PLA", "Red", 1000, null))).IsSuccess, Is.True);
        var transport = new LosesFirstAnswer();
        using var client = new Raft3DClient([First, Second], handler: transport);

        var adjusted = await client.AdjustFilamentAsync("eo-lost", -10m, "spilled");
        var ledger = await setup.ListLedgerAsync("eo-lost");

        Assert.Multiple(() =>
        {
            Assert.That(adjusted.IsSuccess, Is.True, adjusted.RawJson);
            Assert.That(adjusted.Replayed, Is.True);
            Assert.That(adjusted.Value!.RemainingWeightInGrams, Is.EqualTo(990m), "10 g taken once, not twice");
            Assert.That(ledger.Value!.Select(e => e.Kind), Is.EqualTo(new[] { "adjust", "initial" }));
            Assert.That(ledger.Value![0].IdempotencyKey, Is.Not.Null.And.EqualTo(transport.Keys.Distinct().Single()), "the client's one key, on both tries and on the entry");
        });
    }

    [Test]
    public async Task The_same_key_through_two_nodes_applies_once_and_the_second_answer_is_marked_replayed()
    {
        using var one = Cluster.ApiClient(Cluster.Nodes[0].Id);
        using var two = Cluster.ApiClient(Cluster.Nodes[1].Id);
        Assert.That((await one.CreateFilamentAsync(new NewFilament("eo-twice", "ABS", "Black", 500, null))).IsSuccess, Is.True);

        var applied = await one.AdjustFilamentAsync("eo-twice", -25m, "test print", idempotencyKey: "eo-twice-adjust-1");
        var again = await two.AdjustFilamentAsync("eo-twice", -25m, "test print", idempotencyKey: "eo-twice-adjust-1");
        var ledger = await two.ListLedgerAsync("eo-twice");
        var spool = await two.GetFilamentAsync("eo-twice");

        Assert.Multiple(() =>
        {
            Assert.That(applied.Replayed, Is.False);
            Assert.That(again.IsSuccess, Is.True, again.RawJson);
            Assert.That(again.Replayed, Is.True);
            Assert.That(again.Value!.Version, Is.EqualTo(applied.Value!.Version), "the first answer, again");
            Assert.That(ledger.Value!.Count(e => e.Kind == "adjust"), Is.EqualTo(1));
            Assert.That(spool.Value!.RemainingWeightInGrams, Is.EqualTo(475m));
        });
    }

    [Test]
    public async Task A_key_used_again_for_a_different_request_is_refused_and_changes_nothing()
    {
        using var client = Cluster.ApiClient(Cluster.Nodes[0].Id);
        var created = await client.CreatePrinterAsync(new NewPrinter("eo-p1", "Prusa", "MK4"), idempotencyKey: "eo-reused");
        var reused = await client.CreatePrinterAsync(new NewPrinter("eo-p2", "Prusa", "MK4"), idempotencyKey: "eo-reused");
        var cli = await CliResult.RunAsync(Nodes, "printers", "add", "--company", "Prusa", "--model", "XL", "--id", "eo-p3", "--idempotency-key", "eo-reused");
        var missing = await client.GetPrinterAsync("eo-p2");

        Assert.Multiple(() =>
        {
            Assert.That(created.IsSuccess, Is.True, created.RawJson);
            Assert.That(reused.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(reused.Problem?.Code, Is.EqualTo("idempotency_key_reused"));
            Assert.That(cli.Exit, Is.EqualTo(ExitCodes.InvalidInput), cli.ToString());
            Assert.That(cli.Error, Does.StartWith("idempotency_key_reused: "));
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task Raft3d_run_again_with_its_idempotency_key_prints_the_first_outcome_and_says_replayed_on_stderr()
    {
        var reversed = string.Join(',', Cluster.Nodes.Reverse().Select(n => n.ApiUrl));
        var add = new[] { "printers", "add", "--company", "Bambu", "--model", "P1S", "--idempotency-key", "eo-cli-add" };
        var firstRun = await CliResult.RunAsync(Nodes, [.. add, "-o", "json"]);
        var secondRun = await CliResult.RunAsync(reversed, [.. add, "-o", "json"]);
        await CliResult.RunAsync(Nodes, "filaments", "add", "--type", "TPU", "--color", "White", "--total", "300", "--id", "eo-cli-f");
        var adjust = new[] { "filaments", "adjust", "eo-cli-f", "--grams=-3.5", "--reason", "purge", "--idempotency-key", "eo-cli-adjust" };
        var adjusted = await CliResult.RunAsync(Nodes, adjust);
        var adjustedAgain = await CliResult.RunAsync(reversed, adjust);
        var ledger = await CliResult.RunAsync(Nodes, "filaments", "ledger", "eo-cli-f", "-o", "json");

        var printerId = firstRun.Json.GetProperty("id").GetString();
        using var client = Cluster.ApiClient(Cluster.Nodes[2].Id);
        var printers = (await client.ListPrintersAsync()).Value!.Where(p => p.Model == "P1S").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(firstRun.Exit, Is.Zero, firstRun.ToString());
            Assert.That(firstRun.Error, Is.Empty);
            Assert.That(secondRun.Exit, Is.Zero, secondRun.ToString());
            Assert.That(secondRun.Json.GetProperty("id").GetString(), Is.EqualTo(printerId), "a keyed create without --id names its printer after the key");
            Assert.That(secondRun.Error, Does.StartWith("replayed: "));
            Assert.That(printers.Select(p => p.Id), Is.EqualTo(new[] { printerId }));
            Assert.That(adjustedAgain.Exit, Is.Zero, adjustedAgain.ToString());
            Assert.That(adjustedAgain.Output, Is.EqualTo(adjusted.Output), "the same table: the kept outcome");
            Assert.That(adjustedAgain.Error, Does.StartWith("replayed: "));
            Assert.That(ledger.Json.GetArrayLength(), Is.EqualTo(2), "initial and one adjust");
            Assert.That(ledger.Json[0].GetProperty("idempotency_key").GetString(), Is.EqualTo("eo-cli-adjust"));
        });
    }

    /// <summary>
    /// Sends each request for real, but drops the first answer as a broken connection would: the write is in the
    /// log, the client does not know it. Records the Idempotency-Key of every try.
    /// </summary>
    private sealed class LosesFirstAnswer() : DelegatingHandler(new SocketsHttpHandler { UseProxy = false })
    {
        public int Lost { get; private set; }

        public List<string?> Keys { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Keys.Add(request.Headers.TryGetValues("Idempotency-Key", out var values) ? values.Single() : null);
            var response = await base.SendAsync(request, cancellationToken);
            if (Lost > 0)
            {
                return response;
            }

            Lost++;
            response.Dispose();
            throw new HttpRequestException("The connection was reset before the answer arrived (dropped by the test).");
        }
    }
}
