using System.CommandLine;
using Raft3D.Cli.Output;
using Raft3D.Client;

namespace Raft3D.Cli.Commands;

public static class FilamentCommands
{
    public static Command Create(CommandRunner runner)
    {
        var filaments = new Command("filaments", "Filament spools. Example: raft3d filaments add --type PLA --color Red --total 1000 --id f1");

        var typeFilter = new Option<string?>("--type") { Description = "Only spools of this type (PLA, PETG, ABS, TPU)." };
        var list = new Command("list", "List spools, oldest first. Example: raft3d filaments list --type PLA") { typeFilter };
        runner.Bind(list, async (parse, ctx, token) =>
        {
            var response = await ctx.Client.ListFilamentsAsync(token);
            var type = parse.GetValue(typeFilter);
            if (type is null || !response.IsSuccess)
            {
                return ctx.Show(response, Table);
            }

            // The API has no type filter; filter here, and keep -o json in the API's own JSON shape.
            var kept = response.Value!.Where(f => string.Equals(f.Type, type, StringComparison.OrdinalIgnoreCase)).ToList();
            var raw = System.Text.Json.JsonSerializer.Serialize(kept, Raft3DJson.Options);
            return ctx.Show(response with { Value = kept, RawJson = raw }, Table);
        });

        var id = new Argument<string>("id") { Description = "The spool's id." };
        var get = new Command("get", "Show one spool. Example: raft3d filaments get f1") { id };
        runner.Bind(get, async (parse, ctx, token) => ctx.Show(await ctx.Client.GetFilamentAsync(parse.GetValue(id)!, token), (r, f) => Table(r, [f])));

        var type = new Option<string>("--type") { Description = "PLA, PETG, ABS or TPU.", Required = true };
        var color = new Option<string>("--color") { Description = "Colour, e.g. Red.", Required = true };
        var total = new Option<decimal>("--total") { Description = "Grams on a full spool.", Required = true };
        var remaining = new Option<decimal?>("--remaining") { Description = "Grams left now (default: the total)." };
        var newId = new Option<string?>("--id") { Description = "Optional id (generated when absent)." };
        var add = new Command("add", "Register a spool. Example: raft3d filaments add --type PETG --color Blue --total 750 --remaining 500") { type, color, total, remaining, newId };
        runner.Bind(add, async (parse, ctx, token) =>
            ctx.Show(
                await ctx.Client.CreateFilamentAsync(new NewFilament(parse.GetValue(newId), parse.GetValue(type)!, parse.GetValue(color)!, parse.GetValue(total), parse.GetValue(remaining)), token),
                (r, f) => Table(r, [f])));

        filaments.Subcommands.Add(list);
        filaments.Subcommands.Add(get);
        filaments.Subcommands.Add(add);
        return filaments;
    }

    private static void Table(Renderer renderer, IReadOnlyList<Filament> filaments)
        => renderer.Table(
            ["ID", "TYPE", "COLOR", "TOTAL_G", "REMAINING_G"],
            filaments.Select(f => (IReadOnlyList<string>)[f.Id, f.Type, f.Color, Cells.Grams(f.TotalWeightInGrams), Cells.Grams(f.RemainingWeightInGrams)]));
}
