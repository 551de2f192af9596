using Raft3D.StateMachine.Filaments;
using Raft3D.StateMachine.PrintJobs;

namespace Raft3D.StateMachine.Stock;

/// <summary>Sums live spools and waiting jobs by type and colour, in the order each group first appears.</summary>
internal static class StockReport
{
    public static IReadOnlyList<StockGroup> Of(FarmState state, StockPolicy policy)
    {
        var groups = new Dictionary<(FilamentType, string), StockGroup>(StockKeyComparer.Instance);
        var groupOfFilament = new Dictionary<string, (FilamentType, string)>(StringComparer.Ordinal);
        foreach (var filament in state.Filaments.Rows)
        {
            if (filament.IsArchived)
            {
                continue;
            }

            var key = (filament.Type, filament.Color);
            groupOfFilament[filament.Id] = key;
            var view = state.Describe(filament);
            var group = groups.GetValueOrDefault(key) ?? new StockGroup(filament.Type, filament.Color, 0, 0m, 0m, 0m, 0m, 0m, 0m);
            groups[key] = group with
            {
                Spools = group.Spools + 1,
                RemainingWeightInGrams = group.RemainingWeightInGrams + filament.RemainingWeightInGrams,
                ReservedWeightInGrams = group.ReservedWeightInGrams + view.ReservedWeightInGrams,
                AvailableWeightInGrams = group.AvailableWeightInGrams + view.AvailableWeightInGrams,
                LowStockThresholdInGrams = group.LowStockThresholdInGrams + policy.ThresholdOf(filament),
            };
        }

        foreach (var job in state.PrintJobs.Rows)
        {
            if (job.Status != PrintJobStatus.Queued || !groupOfFilament.TryGetValue(job.FilamentId, out var key))
            {
                continue;
            }

            var group = groups[key];
            groups[key] = group with
            {
                QueuedDemandInGrams = group.QueuedDemandInGrams + job.PrintWeightInGrams,
                UnassignedDemandInGrams = group.UnassignedDemandInGrams + (job.PrinterId is null ? job.PrintWeightInGrams : 0m),
            };
        }

        return [.. groups.Values];
    }
}
