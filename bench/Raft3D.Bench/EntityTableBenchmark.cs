namespace Raft3D.Bench;

/// <summary>
/// The entity table's smaller points (below the growth target, whose line the growth run takes): a fresh Raft3D
/// cluster filled to each point in turn, one checkpoint at each.
/// </summary>
internal sealed class EntityTableBenchmark(Raft3DTarget target, HttpClient http, BenchSettings settings, Action<string> log)
{
    public async Task<List<EntityRow>> RunAsync()
    {
        var waits = new ClusterWaits(target, http);
        var checkpoint = new EntityCheckpoint(target, http);
        await target.StartAsync();
        var rows = new List<EntityRow>();
        foreach (var point in settings.TableEntities)
        {
            await FillAsync(waits, point);
            rows.Add(await checkpoint.MeasureAsync());
            log(EntityTable.Describe(rows[^1]));
        }

        return rows;
    }

    /// <summary>
    /// The own generator, because a fill must stop at a count; nothing is measured while it runs. Failed writes (a
    /// new cluster's first moments) are made up in further rounds, so the line is taken at the count it names.
    /// </summary>
    private async Task FillAsync(ClusterWaits waits, int point)
    {
        for (var round = 0; round < 10; round++)
        {
            var leader = await waits.LeaderAsync(TimeSpan.FromSeconds(60));
            var missing = (int)(point - await waits.CountAsync());
            if (missing <= 0)
            {
                return;
            }

            var fill = await LoadRunner.RunAsync(http, 64, missing, TimeSpan.FromMinutes(10), i => target.Write(leader, Payload.Key($"fill{point}r{round}", i)));
            if (fill.Errors > 0)
            {
                log($"Raft3D fill to {point}: {fill.Errors} of {missing} writes failed; writing them again");
            }
        }

        throw new InvalidOperationException($"Raft3D: could not fill the cluster to {point} printers in 10 rounds");
    }
}
