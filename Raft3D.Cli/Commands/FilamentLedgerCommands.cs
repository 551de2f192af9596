using System.CommandLine;
using System.Globalization;
using Raft3D.Cli.Output;
using Raft3D.Client;

namespace Raft3D.Cli.Commands;

/// <summary>
/// A spool's ledger from the terminal: corrections (adjust), scale readings (measure), the entries themselves,
/// and the check that the spool's numbers still add up (verify).
/// </summary>
public static class FilamentLedgerCommands
{
    /// <summary>Newest entries shown when --limit is not given: a screenful.</summary>
    private const int DefaultLedgerLimit = 50;

    /// <summary>The API's largest page, so that --all takes as few round trips as it can.</summary>
    private const int LargestPage = 1000;

    public static void AddTo(Command filaments, CommandRunner runner)
    {
        filaments.Subcommands.Add(Adjust(runner));
        filaments.Subcommands.Add(Measure(runner));
        filaments.Subcommands.Add(Ledger(runner));
        filaments.Subcommands.Add(Verify(runner));
    }

    private static Command Adjust(CommandRunner runner)
    {
        var id = new Argument<string>("id") { Description = "The spool's id." };
        var grams = new Option<decimal>("--grams") { Description = "Grams to add to what remains; negative takes (e.g. -12.5 for a spill). Not 0.", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why, kept on the ledger entry (at most 500 characters)." };
        var ifMatch = IfMatchOption.Create("spool");
        var key = IdempotencyKeyOption.Create();
        var adjust = new Command(
            "adjust",
            "Correct a spool's remaining weight by a signed number of grams: a new 'adjust' entry in its ledger, never an edit of an old one. "
            + "Refused (exit 1, weight_out_of_range) if remaining would leave 0 to the total. Example: raft3d filaments adjust f1 --grams -12.5 --reason spilled")
        {
            id, grams, reason, ifMatch, key,
        };
        runner.Bind(adjust, async (parse, ctx, token) =>
            ctx.Show(
                await ctx.Client.AdjustFilamentAsync(parse.GetValue(id)!, parse.GetValue(grams), parse.GetValue(reason), parse.GetValue(ifMatch), parse.GetValue(key), token),
                (r, f) => FilamentCommands.Table(r, [f])));
        return adjust;
    }

    private static Command Measure(CommandRunner runner)
    {
        var id = new Argument<string>("id") { Description = "The spool's id." };
        var gross = new Option<decimal>("--gross") { Description = "What the scale shows: filament and spool together, in grams.", Required = true };
        // --spool-weight, as filaments add and edit name the same weight; --spool, its first name here, still works.
        var spoolWeight = new Option<decimal?>("--spool-weight", "--spool") { Description = "The empty spool's grams for this reading (default: the one stored with filaments add/edit --spool-weight)." };
        var reason = new Option<string?>("--reason") { Description = "Why, kept on the ledger entry (at most 500 characters)." };
        var ifMatch = IfMatchOption.Create("spool");
        var key = IdempotencyKeyOption.Create();
        var measure = new Command(
            "measure",
            "Record a scale reading: remaining becomes gross minus the empty spool's weight, and the difference is a 'measure' entry in its ledger. "
            + "Refused (exit 1, spool_weight_unknown) when neither --spool-weight nor the spool knows that weight. Example: raft3d filaments measure f1 --gross 1187 --spool-weight 250")
        {
            id, gross, spoolWeight, reason, ifMatch, key,
        };
        runner.Bind(measure, async (parse, ctx, token) =>
            ctx.Show(
                await ctx.Client.MeasureFilamentAsync(parse.GetValue(id)!, parse.GetValue(gross), parse.GetValue(spoolWeight), parse.GetValue(reason), parse.GetValue(ifMatch), parse.GetValue(key), token),
                (r, f) => FilamentCommands.Table(r, [f])));
        return measure;
    }

    private static Command Ledger(CommandRunner runner)
    {
        var id = new Argument<string>("id") { Description = "The spool's id." };
        var limit = new Option<int?>("--limit") { Description = $"How many of the newest entries to show, 1 to {LargestPage} (default {DefaultLedgerLimit}); with --all, the page size." };
        var all = new Option<bool>("--all") { Description = "Every entry, newest first, following the pages back to the spool's first." };
        var ledger = new Command(
            "ledger",
            "A spool's ledger, newest first: every change of its remaining weight (initial, consume by a job, adjust, measure) with the remaining after it, "
            + "the log index and time. Its entries sum to the remaining weight. Example: raft3d filaments ledger f1 --all -o json")
        {
            id, limit, all,
        };
        runner.Bind(ledger, async (parse, ctx, token) =>
        {
            var everything = parse.GetValue(all);
            var response = await ctx.Client.ListLedgerAsync(parse.GetValue(id)!, parse.GetValue(limit) ?? (everything ? LargestPage : DefaultLedgerLimit), token);
            if (everything)
            {
                response = await ctx.Client.AllPagesAsync(response, token);
            }
            else if (response is { IsSuccess: true, NextPage: not null })
            {
                ctx.Renderer.Error(string.Create(
                    CultureInfo.InvariantCulture,
                    $"note: the newest {response.Value!.Count} of {response.TotalCount} entries; --all for every one"));
            }

            return ctx.Show(response, Table);
        });
        return ledger;
    }

    private static Command Verify(CommandRunner runner)
    {
        var id = new Argument<string>("id") { Description = "The spool's id." };
        var verify = new Command(
            "verify",
            "Check a spool's numbers against its history at one log index: remaining against the sum of its ledger, reserved against its open jobs. "
            + $"Each disagreement is a line on stderr and the exit code is {ExitCodes.VerificationFailed}. Example: raft3d filaments verify f1")
        {
            id,
        };
        runner.Bind(verify, async (parse, ctx, token) =>
        {
            var response = await ctx.Client.VerifyFilamentAsync(parse.GetValue(id)!, token);
            var exit = ctx.Show(response, (r, v) => r.Table(
                ["FILAMENT", "OK", "INDEX", "REMAINING_G", "LEDGER_REMAINING_G", "RESERVED_G", "JOBS_RESERVED_G", "ENTRIES"],
                [[
                    v.FilamentId, Cells.YesNo(v.Ok), Cells.Number(v.LogIndex), Cells.Grams(v.RemainingWeightInGrams), Cells.Grams(v.LedgerRemainingWeightInGrams),
                    Cells.Grams(v.ReservedWeightInGrams), Cells.Grams(v.JobsReservedWeightInGrams), Cells.Number(v.Entries),
                ]]));
            if (exit != ExitCodes.Success || response.Value!.Ok)
            {
                return exit;
            }

            foreach (var problem in response.Value.Problems)
            {
                ctx.Renderer.Error($"verification_failed: {problem}");
            }

            return ExitCodes.VerificationFailed;
        });
        return verify;
    }

    private static void Table(Renderer renderer, IReadOnlyList<LedgerEntry> entries)
        => renderer.Table(
            ["SEQ", "KIND", "GRAMS", "REMAINING_G", "JOB", "INDEX", "AT", "REASON"],
            entries.Select(e => (IReadOnlyList<string>)
            [
                Cells.Number(e.Sequence), e.Kind, Cells.SignedGrams(e.Grams), Cells.Grams(e.RemainingWeightInGrams), Cells.OrDash(e.JobId),
                Cells.Number(e.LogIndex), Cells.Time(e.At), Cells.OrDash(e.Reason),
            ]));
}
