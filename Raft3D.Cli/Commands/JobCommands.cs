using System.CommandLine;
using Raft3D.Cli.Output;
using Raft3D.Client;

namespace Raft3D.Cli.Commands;

public static class JobCommands
{
    public static Command Create(CommandRunner runner)
    {
        var jobs = new Command("jobs", "Print jobs. Example: raft3d jobs add --printer p1 --filament f1 --file /prints/cube.gcode --grams 200 --id j1");

        var status = new Option<string?>("--status") { Description = "Only jobs in this status (Queued, Running, Done, Canceled)." };
        var printer = new Option<string?>("--printer") { Description = "Only jobs for this printer." };
        var filament = new Option<string?>("--filament") { Description = "Only jobs using this spool." };
        var unassigned = new Option<bool>("--unassigned") { Description = "Only jobs with no printer (the farm's unassigned queue)." };
        var list = new Command("list", "List jobs, oldest first. Example: raft3d jobs list --status Running") { status, printer, filament, unassigned };
        runner.Bind(list, async (parse, ctx, token) =>
        {
            var query = new PrintJobQuery(parse.GetValue(status), parse.GetValue(printer), parse.GetValue(filament), parse.GetValue(unassigned));
            return ctx.Show(await ctx.Client.ListPrintJobsAsync(query, token: token), Table);
        });

        var getId = new Argument<string>("id") { Description = "The job's id." };
        var get = new Command("get", "Show one job. Example: raft3d jobs get j1") { getId };
        runner.Bind(get, async (parse, ctx, token) => ctx.Show(await ctx.Client.GetPrintJobAsync(parse.GetValue(getId)!, token), (r, j) => Table(r, [j])));

        var addPrinter = new Option<string?>("--printer") { Description = "The printer whose queue it joins; without it, the farm's unassigned queue (see jobs assign)." };
        var addFilament = new Option<string>("--filament") { Description = "The spool's id.", Required = true };
        var file = new Option<string>("--file") { Description = "The G-code file to print.", Required = true };
        var grams = new Option<decimal>("--grams") { Description = "Grams the print takes.", Required = true };
        var newId = new Option<string?>("--id") { Description = "Optional id (generated when absent)." };
        var addKey = IdempotencyKeyOption.Create();
        var add = new Command("add", "Queue a job. Example: raft3d jobs add --printer p1 --filament f1 --file cube.gcode --grams 200") { addPrinter, addFilament, file, grams, newId, addKey };
        add.Aliases.Add("create");
        runner.Bind(add, async (parse, ctx, token) =>
            ctx.Show(
                await ctx.Client.CreatePrintJobAsync(
                    new NewPrintJob(parse.GetValue(newId), parse.GetValue(addPrinter), parse.GetValue(addFilament)!, parse.GetValue(file)!, parse.GetValue(grams)),
                    parse.GetValue(addKey),
                    token),
                (r, j) => Table(r, [j])));

        jobs.Subcommands.Add(list);
        jobs.Subcommands.Add(get);
        jobs.Subcommands.Add(History(runner));
        jobs.Subcommands.Add(add);
        jobs.Subcommands.Add(Transition(runner, "start", "Running", "Start a queued job. Example: raft3d jobs start j1"));
        jobs.Subcommands.Add(Transition(runner, "done", "Done", "Mark a running job done; its grams (or --actual-weight) leave the spool. Example: raft3d jobs done j1 --actual-weight 187.2"));
        jobs.Subcommands.Add(Transition(runner, "cancel", "Canceled", "Cancel a queued or running job. Example: raft3d jobs cancel j1"));
        jobs.Subcommands.Add(Status(runner));
        jobs.Subcommands.Add(Assign(runner));
        jobs.Subcommands.Add(Progress(runner));
        jobs.Subcommands.Add(Edit(runner));
        jobs.Subcommands.Add(JobWatch.Create(runner));
        return jobs;
    }

    internal static void Table(Renderer renderer, IReadOnlyList<PrintJob> jobs)
        => renderer.Table(
            ["ID", "STATUS", "PRINTER", "FILAMENT", "GRAMS", "FILE", "QUEUE_POS", "PROGRESS", "VERSION", "ACTUAL_G"],
            jobs.Select(j => (IReadOnlyList<string>)
            [
                j.Id, j.Status, Cells.OrDash(j.PrinterId), j.FilamentId, Cells.Grams(j.PrintWeightInGrams), j.Filepath,
                Cells.OrDash(j.QueuePosition is { } position ? Cells.Number(position) : null), Cells.Number(j.ProgressPercent) + "%", Cells.Number(j.Version),
                Cells.OrDash(j.ActualWeightInGrams is { } actual ? Cells.Grams(actual) : null),
            ]));

    /// <summary>--actual-weight, on the commands that can finish a job.</summary>
    private static Option<decimal?> ActualWeightOption() => new("--actual-weight")
    {
        HelpName = "grams",
        Description = "With Done only: what the print really took, when the scale or slicer knows better than the job's planned grams; the spool's consume entry is this many grams.",
    };

    private static Command Transition(CommandRunner runner, string name, string status, string description)
    {
        var id = new Argument<string>("id") { Description = "The job's id." };
        var ifMatch = IfMatchOption.Create("job");
        var key = IdempotencyKeyOption.Create();
        var command = new Command(name, description) { id, ifMatch, key };

        // Only done can take an actual weight: the node refuses one with any other status, so the option is not offered.
        var actual = status == "Done" ? ActualWeightOption() : null;
        if (actual is not null)
        {
            command.Options.Add(actual);
        }

        runner.Bind(command, async (parse, ctx, token) =>
        {
            var change = new PrintJobStatusChange(status, actual is null ? null : parse.GetValue(actual));
            return ctx.Show(await ctx.Client.ChangePrintJobStatusAsync(parse.GetValue(id)!, change, parse.GetValue(ifMatch), parse.GetValue(key), token), (r, j) => Table(r, [j]));
        });
        return command;
    }

    private static Command Status(CommandRunner runner)
    {
        var id = new Argument<string>("id") { Description = "The job's id." };
        var status = new Argument<string>("status") { Description = "Running, Done or Canceled (any case; Cancelled too)." };
        var actual = ActualWeightOption();
        var ifMatch = IfMatchOption.Create("job");
        var key = IdempotencyKeyOption.Create();
        var command = new Command(
            "status",
            "Move a job to a status, as the API's POST .../status does; start, done and cancel are its shorthands. Example: raft3d jobs status j1 Done --actual-weight 187.2")
        {
            id, status, actual, ifMatch, key,
        };
        runner.Bind(command, async (parse, ctx, token) =>
        {
            var change = new PrintJobStatusChange(parse.GetValue(status)!, parse.GetValue(actual));
            return ctx.Show(await ctx.Client.ChangePrintJobStatusAsync(parse.GetValue(id)!, change, parse.GetValue(ifMatch), parse.GetValue(key), token), (r, j) => Table(r, [j]));
        });
        return command;
    }

    private static Command History(CommandRunner runner)
    {
        var id = new Argument<string>("id") { Description = "The job's id." };
        var history = new Command("history", "The statuses a job took, oldest first, each with its time and log index. Example: raft3d jobs history j1") { id };
        runner.Bind(history, async (parse, ctx, token) =>
            ctx.Show(await ctx.Client.GetPrintJobHistoryAsync(parse.GetValue(id)!, token), (r, entries) => r.Table(
                ["STATUS", "AT", "INDEX"],
                entries.Select(e => (IReadOnlyList<string>)[e.Status, Cells.Time(e.At), Cells.Number(e.LogIndex)]))));
        return history;
    }

    private static Command Assign(CommandRunner runner)
    {
        var id = new Argument<string>("id") { Description = "The job's id." };
        var printer = new Option<string>("--printer") { Description = "The printer whose queue it joins, at the tail.", Required = true };
        var ifMatch = IfMatchOption.Create("job");
        var key = IdempotencyKeyOption.Create();
        var assign = new Command("assign", "Move a queued job to the tail of a printer's queue (its own printer again keeps its place). Example: raft3d jobs assign j3 --printer p1") { id, printer, ifMatch, key };
        runner.Bind(assign, async (parse, ctx, token) =>
            ctx.Show(await ctx.Client.AssignPrintJobAsync(parse.GetValue(id)!, parse.GetValue(printer)!, parse.GetValue(ifMatch), parse.GetValue(key), token), (r, j) => Table(r, [j])));
        return assign;
    }

    private static Command Progress(CommandRunner runner)
    {
        var id = new Argument<string>("id") { Description = "The job's id." };
        var percent = new Argument<int>("percent") { Description = "How far it is, 0 to 100; a value at or below the current one changes nothing." };
        var ifMatch = IfMatchOption.Create("job");
        var key = IdempotencyKeyOption.Create();
        var progress = new Command("progress", "Report how far a running job is. Example: raft3d jobs progress j3 40") { id, percent, ifMatch, key };
        runner.Bind(progress, async (parse, ctx, token) =>
            ctx.Show(
                await ctx.Client.ReportPrintJobProgressAsync(parse.GetValue(id)!, parse.GetValue(percent), parse.GetValue(ifMatch), parse.GetValue(key), token),
                (r, j) => Table(r, [j])));
        return progress;
    }

    private static Command Edit(CommandRunner runner)
    {
        var id = new Argument<string>("id") { Description = "The job's id." };

        // The names jobs add uses, so that one word means one thing; the API's field names are accepted too.
        var file = new Option<string?>("--file", "--filepath") { Description = "New G-code file." };
        var grams = new Option<decimal?>("--grams", "--weight") { Description = "New weight in grams; the spool must cover it." };
        var ifMatch = IfMatchOption.Create("job");
        var key = IdempotencyKeyOption.Create();
        var edit = new Command("edit", "Change a queued job's file or weight. Example: raft3d jobs edit j3 --grams 180 --if-match 12") { id, file, grams, ifMatch, key };
        runner.Bind(edit, async (parse, ctx, token) =>
        {
            var patch = new PrintJobPatch(parse.GetValue(file), parse.GetValue(grams));
            if (patch.Filepath is null && patch.PrintWeightInGrams is null)
            {
                throw new ArgumentException("Nothing to change: give --file, --grams or both.");
            }

            return ctx.Show(await ctx.Client.EditPrintJobAsync(parse.GetValue(id)!, patch, parse.GetValue(ifMatch), parse.GetValue(key), token), (r, j) => Table(r, [j]));
        });
        return edit;
    }
}
