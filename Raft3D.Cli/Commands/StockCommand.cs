using System.CommandLine;

namespace Raft3D.Cli.Commands;

/// <summary>raft3d stock: what the farm has of each type and colour, and what waiting jobs will take of it.</summary>
public static class StockCommand
{
    public static Command Create(CommandRunner runner)
    {
        var stock = new Command(
            "stock",
            "The farm's filament by type and colour over its live spools: remaining, reserved by open jobs, available, what queued jobs (assigned or not) "
            + "will take, and whether it is below the sum of its spools' low-stock thresholds. Example: raft3d stock");
        runner.Bind(stock, async (_, ctx, token) => ctx.Show(await ctx.Client.GetStockAsync(token), (r, groups) => r.Table(
            ["TYPE", "COLOR", "SPOOLS", "REMAINING_G", "RESERVED_G", "AVAILABLE_G", "QUEUED_DEMAND_G", "UNASSIGNED_DEMAND_G", "THRESHOLD_G", "LOW_STOCK"],
            groups.Select(g => (IReadOnlyList<string>)
            [
                g.Type, g.Color, Cells.Number(g.Spools), Cells.Grams(g.RemainingWeightInGrams), Cells.Grams(g.ReservedWeightInGrams), Cells.Grams(g.AvailableWeightInGrams),
                Cells.Grams(g.QueuedDemandInGrams), Cells.Grams(g.UnassignedDemandInGrams), Cells.Grams(g.LowStockThresholdInGrams), Cells.YesNo(g.LowStock),
            ]))));
        return stock;
    }
}
