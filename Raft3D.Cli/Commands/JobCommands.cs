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
        var list = new Command("list", "List jobs, oldest first. Example: raft3d jobs list --status Running") { status, printer, filament };
        runner.Bind(list, async (parse, ctx, token) =>
            ctx.Show(await ctx.Client.ListPrintJobsAsync(parse.GetValue(status), parse.GetValue(printer), parse.GetValue(filament), token), Table));

        var getId = new Argument<string>("id") { Description = "The job's id." };
        var get = new Command("get", "Show one job. Example: raft3d jobs get j1") { getId };
        runner.Bind(get, async (parse, ctx, token) => ctx.Show(await ctx.Client.GetPrintJobAsync(parse.GetValue(getId)!, token), (r, j) => Table(r, [j])));

        var addPrinter = new Option<string>("--printer") { Description = "The printer's id.", Required = true };
        var addFilament = new Option<string>("--filament") { Description = "The spool's id.", Required = true };
        var file = new Option<string>("--file") { Description = "The G-code file to print.", Required = true };
        var grams = new Option<decimal>("--grams") { Description = "Grams the print takes.", Required = true };
        var newId = new Option<string?>("--id") { Description = "Optional id (generated when absent)." };
        var add = new Command("add", "Queue a job. Example: raft3d jobs add --printer p1 --filament f1 --file cube.gcode --grams 200") { addPrinter, addFilament, file, grams, newId };
        runner.Bind(add, async (parse, ctx, token) =>
            ctx.Show(
                await ctx.Client.CreatePrintJobAsync(new NewPrintJob(parse.GetValue(newId), parse.GetValue(addPrinter)!, parse.GetValue(addFilament)!, parse.GetValue(file)!, parse.GetValue(grams)), token),
                (r, j) => Table(r, [j])));

        jobs.Subcommands.Add(list);
        jobs.Subcommands.Add(get);
        jobs.Subcommands.Add(add);
        jobs.Subcommands.Add(Transition(runner, "start", "Running", "Start a queued job. Example: raft3d jobs start j1"));
        jobs.Subcommands.Add(Transition(runner, "done", "Done", "Mark a running job done; its grams leave the spool. Example: raft3d jobs done j1"));
        jobs.Subcommands.Add(Transition(runner, "cancel", "Canceled", "Cancel a queued or running job. Example: raft3d jobs cancel j1"));
        jobs.Subcommands.Add(JobWatch.Create(runner));
        return jobs;
    }

    internal static void Table(Renderer renderer, IReadOnlyList<PrintJob> jobs)
        => renderer.Table(
            ["ID", "STATUS", "PRINTER", "FILAMENT", "GRAMS", "FILE"],
            jobs.Select(j => (IReadOnlyList<string>)[j.Id, j.Status, j.PrinterId ?? "-", j.FilamentId, Cells.Grams(j.PrintWeightInGrams), j.Filepath]));

    private static Command Transition(CommandRunner runner, string name, string status, string description)
    {
        var id = new Argument<string>("id") { Description = "The job's id." };
        var command = new Command(name, description) { id };
        runner.Bind(command, async (parse, ctx, token) =>
            ctx.Show(await ctx.Client.ChangePrintJobStatusAsync(parse.GetValue(id)!, status, token), (r, j) => Table(r, [j])));
        return command;
    }
}
