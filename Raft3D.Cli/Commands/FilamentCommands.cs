using System.CommandLine;
using System.Text.Json;
using Raft3D.Cli.Output;
using Raft3D.Client;

namespace Raft3D.Cli.Commands;

public static class FilamentCommands
{
    public static Command Create(CommandRunner runner)
    {
        var filaments = new Command("filaments", "Filament spools. Example: raft3d filaments add --type PLA --color Red --total 1000 --id f1");

        var typeFilter = new Option<string?>("--type") { Description = "Only spools of this type (PLA, PETG, ABS, TPU)." };
        var includeArchived = new Option<bool>("--include-archived") { Description = "Also list archived spools." };
        var list = new Command("list", "List spools, oldest first; archived ones only with --include-archived. Example: raft3d filaments list --type PLA") { typeFilter, includeArchived };
        runner.Bind(list, async (parse, ctx, token) =>
        {
            var response = await ctx.Client.ListFilamentsAsync(parse.GetValue(includeArchived), token: token);
            var type = parse.GetValue(typeFilter);
            if (type is null || !response.IsSuccess)
            {
                return ctx.Show(response, Table);
            }

            // The API has no type filter; filter here. -o json keeps the API's own objects, byte for byte: the
            // model re-serialized would not be (it writes times and absent fields its own way).
            using var document = JsonDocument.Parse(response.RawJson);
            var kept = response.Value!
                .Select((filament, index) => (Filament: filament, Json: document.RootElement[index]))
                .Where(f => string.Equals(f.Filament.Type, type, StringComparison.OrdinalIgnoreCase))
                .ToList();
            var raw = "[" + string.Join(',', kept.Select(f => f.Json.GetRawText())) + "]";
            return ctx.Show(response with { Value = [.. kept.Select(f => f.Filament)], RawJson = raw }, Table);
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
        filaments.Subcommands.Add(Edit(runner));
        filaments.Subcommands.Add(Archive(runner));
        return filaments;
    }

    private static Command Edit(CommandRunner runner)
    {
        var id = new Argument<string>("id") { Description = "The spool's id." };
        var type = new Option<string?>("--type") { Description = "New type: PLA, PETG, ABS or TPU." };
        var color = new Option<string?>("--color") { Description = "New colour." };
        var ifMatch = IfMatchOption.Create("spool");
        var edit = new Command("edit", "Change a spool's type or colour (weights change only through jobs). Example: raft3d filaments edit f1 --color Crimson --if-match 6") { id, type, color, ifMatch };
        runner.Bind(edit, async (parse, ctx, token) =>
        {
            var patch = new FilamentPatch(parse.GetValue(type), parse.GetValue(color));
            if (patch.Type is null && patch.Color is null)
            {
                throw new ArgumentException("Nothing to change: give --type, --color or both.");
            }

            return ctx.Show(await ctx.Client.EditFilamentAsync(parse.GetValue(id)!, patch, parse.GetValue(ifMatch), token), (r, f) => Table(r, [f]));
        });
        return edit;
    }

    private static Command Archive(CommandRunner runner)
    {
        var id = new Argument<string>("id") { Description = "The spool's id." };
        var ifMatch = IfMatchOption.Create("spool");
        var archive = new Command("archive", "Archive a spool no open job holds: kept for history, takes no new job, listed only with --include-archived. Example: raft3d filaments archive f1") { id, ifMatch };
        runner.Bind(archive, async (parse, ctx, token) =>
        {
            var spool = parse.GetValue(id)!;
            return ctx.Show(await ctx.Client.ArchiveFilamentAsync(spool, parse.GetValue(ifMatch), token), (r, _) => r.Line($"filament {spool} archived"));
        });
        return archive;
    }

    private static void Table(Renderer renderer, IReadOnlyList<Filament> filaments)
        => renderer.Table(
            ["ID", "TYPE", "COLOR", "TOTAL_G", "REMAINING_G", "ARCHIVED", "VERSION"],
            filaments.Select(f => (IReadOnlyList<string>)[f.Id, f.Type, f.Color, Cells.Grams(f.TotalWeightInGrams), Cells.Grams(f.RemainingWeightInGrams), Cells.YesNo(f.Archived), Cells.Number(f.Version)]));
}
