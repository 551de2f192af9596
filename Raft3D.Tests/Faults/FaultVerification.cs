using Raft3D.Tests.Infrastructure;

namespace Raft3D.Tests.Faults;

/// <summary>What every fault scenario checks at the end, once the nodes it restarted have caught up.</summary>
internal static class FaultVerification
{
    public static async Task VerifyAsync(IFarmCluster cluster, FarmWorkload workload, int minimumAcknowledged = 20)
    {
        await cluster.WaitForConvergenceAsync(TimeSpan.FromSeconds(60));
        var history = workload.History;
        var violations = HistoryChecker.Check(history).ToList();
        foreach (var id in cluster.RunningIds)
        {
            var node = cluster.Node(id);
            violations.AddRange(HistoryChecker.CheckFinal(history, await workload.PrintersOnAsync(node), id));

            // Nothing applied twice: the spool lost exactly the weight of the jobs that are Done and of its
            // corrections, every job the client saw reach Done is Done here, and every acknowledged correction
            // is in the ledger once, however often it was retried.
            var (remaining, done) = await workload.SpoolOnAsync(node);
            var ledger = await workload.LedgerOnAsync(node);
            var corrected = ledger.Where(e => e.Kind == "adjust").Sum(e => e.Grams);
            if (remaining != FarmWorkload.SpoolGrams - done.Values.Sum() + corrected)
            {
                violations.Add($"{id}: spool has {remaining} g but {FarmWorkload.SpoolGrams} - {done.Values.Sum()} (Done jobs) + {corrected} (corrections) = {FarmWorkload.SpoolGrams - done.Values.Sum() + corrected}");
            }

            var entriesByKey = ledger.Where(e => e.Key is not null).GroupBy(e => e.Key!).ToDictionary(g => g.Key, g => g.Count());
            violations.AddRange(entriesByKey.Where(pair => pair.Value > 1).Select(pair => $"{id}: key {pair.Key} made {pair.Value} ledger entries"));
            violations.AddRange(workload.Adjustments.Keys.Where(k => !entriesByKey.ContainsKey(k)).Select(k => $"{id}: correction {k} was acknowledged but is not in the ledger"));

            violations.AddRange(workload.DoneJobs.Keys.Where(j => !done.ContainsKey(j)).Select(j => $"{id}: job {j} was Done for the client but is not Done here"));
            violations.AddRange(await UnverifiedSpoolsAsync(cluster.Client(id), id));
        }

        Assert.Multiple(() =>
        {
            Assert.That(violations, Is.Empty, string.Join("\n", violations.Take(20)));
            Assert.That(workload.AcknowledgedCreates, Is.GreaterThanOrEqualTo(minimumAcknowledged), "too few acknowledged writes for the check to mean anything");
            Assert.That(history.Count(o => o is { Kind: OperationKind.Read, Result: OperationResult.Ok }), Is.GreaterThan(0), "no read was answered");
        });
        TestContext.Out.WriteLine($"history: {history.Count} operations, {workload.AcknowledgedCreates} acknowledged creates, {workload.DoneJobs.Count} jobs done, {workload.Adjustments.Count} corrections");
    }

    /// <summary>Every spool's remaining weight equals the sum of its ledger, and its reservations its open jobs (GET .../verify).</summary>
    private static async Task<IEnumerable<string>> UnverifiedSpoolsAsync(HttpClient node, string id)
    {
        var problems = new List<string>();
        foreach (var spool in (await node.GetJsonAsync(FarmApi.Local("/api/v1/filaments?include_archived=true"))).EnumerateArray())
        {
            var spoolId = spool.GetProperty("id").GetString()!;
            var verification = await node.GetJsonAsync(FarmApi.Local($"/api/v1/filaments/{spoolId}/verify"));
            if (!verification.GetProperty("ok").GetBoolean())
            {
                problems.Add($"{id}: spool {spoolId} does not verify: {verification}");
            }
        }

        return problems;
    }
}
