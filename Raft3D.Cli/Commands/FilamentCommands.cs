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
        var lowStock = new Option<bool>("--low-stock") { Description = "Only spools whose available grams (remaining minus what open jobs hold) are below their low-stock threshold." };
        var list = new Command("list", "List spools, oldest first; archived ones only with --include-archived. Example: raft3d filaments list --low-stock") { typeFilter, includeArchived, lowStock };
        runner.Bind(list, async (parse, ctx, token) =>
        {
            var query = new FilamentQuery(parse.GetValue(includeArchived), parse.GetValue(lowStock));
            var response = await ctx.Client.ListFilamentsAsync(query, token: token);
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

        filaments.Subcommands.Add(list);
        filaments.Subcommands.Add(get);
        filaments.Subcommands.Add(Add(runner));
        filaments.Subcommands.Add(Edit(runner));
        filaments.Subcommands.Add(Archive(runner));
        FilamentLedgerCommands.AddTo(filaments, runner);
        return filaments;
    }

    internal static void Table(Renderer renderer, IReadOnlyList<Filament> filaments)
        => renderer.Table(
            ["ID", "TYPE", "COLOR", "TOTAL_G", "REMAINING_G", "ARCHIVED", "VERSION", "RESERVED_G", "AVAILABLE_G", "LOW_STOCK"],
            filaments.Select(f => (IReadOnlyList<string>)
            [
                f.Id, f.Type, f.Color, Cells.Grams(f.TotalWeightInGrams), Cells.Grams(f.RemainingWeightInGrams), Cells.YesNo(f.Archived), Cells.Number(f.Version),
                Cells.Grams(f.ReservedWeightInGrams), Cells.Grams(f.AvailableWeightInGrams), Cells.YesNo(f.LowStock),
            ]));

    private static Command Add(CommandRunner runner)
    {
        var type = new Option<string>("--type") { Description = "PLA, PETG, ABS or TPU.", Required = true };
        var color = new Option<string>("--color") { Description = "Colour, e.g. Red.", Required = true };
        var total = new Option<decimal>("--total") { Description = "Grams on a full spool.", Required = true };
        var remaining = new Option<decimal?>("--remaining") { Description = "Grams left now (default: the total)." };
        var spoolWeight = new Option<decimal?>("--spool-weight") { Description = "The empty spool's grams, so that filaments measure can take a gross scale reading." };
        var threshold = new Option<decimal?>("--low-stock-threshold") { Description = "Low on stock below this many available grams (default: the nodes' share of the total, 10%)." };
        var newId = new Option<string?>("--id") { Description = "Optional id (generated when absent)." };
        var key = IdempotencyKeyOption.Create();
        var add = new Command("add", "Register a spool. Example: raft3d filaments add --type PETG --color Blue --total 750 --remaining 500 --spool-weight 180")
        {
            type, color, total, remaining, spoolWeight, threshold, newId, key,
        };
        add.Aliases.Add("create");
        runner.Bind(add, async (parse, ctx, token) =>
        {
            var filament = new NewFilament(parse.GetValue(newId), parse.GetValue(type)!, parse.GetValue(color)!, parse.GetValue(total), parse.GetValue(remaining))
            {
                SpoolWeightInGrams = parse.GetValue(spoolWeight),
                LowStockThresholdInGrams = parse.GetValue(threshold),
            };
            return ctx.Show(await ctx.Client.CreateFilamentAsync(filament, parse.GetValue(key), token), (r, f) => Table(r, [f]));
        });
        return add;
    }

    private static Command Edit(CommandRunner runner)
    {
        var id = new Argument<string>("id") { Description = "The spool's id." };
        var type = new Option<string?>("--type") { Description = "New type: PLA, PETG, ABS or TPU." };
        var color = new Option<string?>("--color") { Description = "New colour." };
        var spoolWeight = new Option<decimal?>("--spool-weight") { Description = "The empty spool's grams." };
        var clearSpoolWeight = new Option<bool>("--clear-spool-weight") { Description = "Forget the empty spool's weight (measure then needs its own --spool-weight)." };
        var threshold = new Option<decimal?>("--low-stock-threshold") { Description = "Low on stock below this many available grams." };
        var clearThreshold = new Option<bool>("--clear-low-stock-threshold") { Description = "Back to the nodes' default threshold, a share of the total." };
        var ifMatch = IfMatchOption.Create("spool");
        var key = IdempotencyKeyOption.Create();
        var edit = new Command("edit", "Change a spool's type, colour or stock settings (its weight changes only through jobs, adjust and measure). Example: raft3d filaments edit f1 --color Crimson --low-stock-threshold 150 --if-match 6")
        {
            id, type, color, spoolWeight, clearSpoolWeight, threshold, clearThreshold, ifMatch, key,
        };
        runner.Bind(edit, async (parse, ctx, token) =>
        {
            var patch = new FilamentPatch(parse.GetValue(type), parse.GetValue(color))
            {
                SpoolWeightInGrams = Change("--spool-weight", parse.GetValue(spoolWeight), parse.GetValue(clearSpoolWeight)),
                LowStockThresholdInGrams = Change("--low-stock-threshold", parse.GetValue(threshold), parse.GetValue(clearThreshold)),
            };
            if (patch is { Type: null, Color: null, SpoolWeightInGrams: null, LowStockThresholdInGrams: null })
            {
                throw new ArgumentException("Nothing to change: give --type, --color, --spool-weight, --low-stock-threshold or a --clear- option.");
            }

            return ctx.Show(await ctx.Client.EditFilamentAsync(parse.GetValue(id)!, patch, parse.GetValue(ifMatch), parse.GetValue(key), token), (r, f) => Table(r, [f]));
        });
        return edit;
    }

    /// <summary>A weight option and its --clear- twin as one merge-patch change; both at once is a contradiction.</summary>
    private static WeightChange? Change(string name, decimal? grams, bool clear)
        => (grams, clear) switch
        {
            (not null, true) => throw new ArgumentException($"{name} and --clear-{name[2..]} contradict each other: give one."),
            (null, true) => WeightChange.Clear,
            ({ } value, false) => WeightChange.To(value),
            _ => null,
        };

    private static Command Archive(CommandRunner runner)
    {
        var id = new Argument<string>("id") { Description = "The spool's id." };
        var ifMatch = IfMatchOption.Create("spool");
        var key = IdempotencyKeyOption.Create();
        var archive = new Command("archive", "Archive a spool no open job holds: kept for history, takes no new job, listed only with --include-archived. Example: raft3d filaments archive f1") { id, ifMatch, key };
        runner.Bind(archive, async (parse, ctx, token) =>
        {
            var spool = parse.GetValue(id)!;
            return ctx.Show(await ctx.Client.ArchiveFilamentAsync(spool, parse.GetValue(ifMatch), parse.GetValue(key), token), (r, _) => r.Line($"filament {spool} archived"));
        });
        return archive;
    }
}
