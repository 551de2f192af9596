namespace Raft3D.Tests.Faults;

/// <summary>
/// Checks a history of creates (each of a fresh key) and full-list reads, in the style of etcd's robustness
/// tests but without a search, since every key is written once:
/// an acknowledged create is seen by every read that starts after it ended; a read sees nothing that was
/// not started, nothing refused, and nothing half written; no two nodes acknowledge writes in one term.
/// Linear in the history's size (creates plus the entries the reads returned).
/// </summary>
internal static class HistoryChecker
{
    public static IReadOnlyList<string> Check(IReadOnlyList<HistoryOperation> history)
    {
        var violations = new List<string>();
        var creates = new Dictionary<string, HistoryOperation>(StringComparer.Ordinal);
        foreach (var create in history.Where(o => o.Kind == OperationKind.Create))
        {
            if (!creates.TryAdd(create.Key!, create))
            {
                violations.Add($"key {create.Key} was written twice by the workload; the checker needs fresh keys");
            }
        }

        var acknowledged = creates.Values.Where(c => c.Result == OperationResult.Ok).OrderBy(c => c.End).ToList();
        var reads = history.Where(o => o is { Kind: OperationKind.Read, Result: OperationResult.Ok }).OrderBy(r => r.Start).ToList();
        var next = 0;
        var mustSee = new HashSet<string>(StringComparer.Ordinal);
        foreach (var read in reads)
        {
            while (next < acknowledged.Count && acknowledged[next].End < read.Start)
            {
                mustSee.Add(acknowledged[next++].Key!);
            }

            var seen = 0;
            foreach (var (key, value) in read.Observed!)
            {
                if (!creates.TryGetValue(key, out var create))
                {
                    continue; // Written outside this history (e.g. set-up data).
                }

                if (mustSee.Contains(key))
                {
                    seen++;
                }

                if (create.Start > read.End)
                {
                    violations.Add($"read by client {read.Client} on {read.Node} saw {key} before its create started");
                }

                if (create.Result == OperationResult.Failed)
                {
                    violations.Add($"read by client {read.Client} on {read.Node} saw {key}, whose create was refused");
                }

                if (!string.Equals(value, create.Value, StringComparison.Ordinal))
                {
                    violations.Add($"read by client {read.Client} on {read.Node} saw {key} = '{value}', but '{create.Value}' was written");
                }
            }

            if (seen != mustSee.Count)
            {
                var missing = mustSee.Where(k => !read.Observed.ContainsKey(k)).Take(5);
                violations.Add($"read by client {read.Client} on {read.Node} missed {mustSee.Count - seen} acknowledged create(s), e.g. {string.Join(", ", missing)}");
            }
        }

        foreach (var term in acknowledged.Where(c => c.Term is not null).GroupBy(c => c.Term))
        {
            var nodes = term.Select(c => c.Node).Distinct().ToList();
            if (nodes.Count > 1)
            {
                violations.Add($"split brain: nodes {string.Join(", ", nodes)} all acknowledged writes in term {term.Key}");
            }
        }

        return violations;
    }

    /// <summary>Every acknowledged create must be in the final state, with its value; nothing refused may be.</summary>
    public static IReadOnlyList<string> CheckFinal(IReadOnlyList<HistoryOperation> history, IReadOnlyDictionary<string, string> final, string node)
    {
        var violations = new List<string>();
        foreach (var create in history.Where(o => o.Kind == OperationKind.Create))
        {
            var present = final.TryGetValue(create.Key!, out var value);
            if (create.Result == OperationResult.Ok && !present)
            {
                violations.Add($"{node} lost acknowledged create {create.Key}");
            }

            if (create.Result == OperationResult.Failed && present)
            {
                violations.Add($"{node} holds {create.Key}, whose create was refused");
            }

            if (present && !string.Equals(value, create.Value, StringComparison.Ordinal))
            {
                violations.Add($"{node} holds {create.Key} = '{value}', but '{create.Value}' was written");
            }
        }

        return violations;
    }
}
