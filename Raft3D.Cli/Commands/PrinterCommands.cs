using System.CommandLine;
using Raft3D.Cli.Output;
using Raft3D.Client;

namespace Raft3D.Cli.Commands;

public static class PrinterCommands
{
    public static Command Create(CommandRunner runner)
    {
        var printers = new Command("printers", "Printers of the farm. Example: raft3d printers add --company Prusa --model MK4 --id p1");

        var state = new Option<string?>("--state") { Description = "Only printers in this state: Idle, Printing or Maintenance." };
        var list = new Command("list", "List printers, oldest first. Example: raft3d printers list --state Idle -o json") { state };
        runner.Bind(list, async (parse, ctx, token) => ctx.Show(await ctx.Client.ListPrintersAsync(parse.GetValue(state), token: token), Table));

        var id = new Argument<string>("id") { Description = "The printer's id." };
        var get = new Command("get", "Show one printer. Example: raft3d printers get p1") { id };
        runner.Bind(get, async (parse, ctx, token) => ctx.Show(await ctx.Client.GetPrinterAsync(parse.GetValue(id)!, token), (r, p) => Table(r, [p])));

        var company = new Option<string>("--company") { Description = "Manufacturer, e.g. Prusa.", Required = true };
        var model = new Option<string>("--model") { Description = "Model, e.g. MK4.", Required = true };
        var newId = new Option<string?>("--id") { Description = "Optional id (generated when absent; give one to make retries safe)." };
        var addKey = IdempotencyKeyOption.Create();
        var add = new Command("add", "Register a printer. Example: raft3d printers add --company Creality --model Ender3 --id p2") { company, model, newId, addKey };
        runner.Bind(add, async (parse, ctx, token) =>
            ctx.Show(
                await ctx.Client.CreatePrinterAsync(new NewPrinter(parse.GetValue(newId), parse.GetValue(company)!, parse.GetValue(model)!), parse.GetValue(addKey), token),
                (r, p) => Table(r, [p])));

        printers.Subcommands.Add(list);
        printers.Subcommands.Add(get);
        printers.Subcommands.Add(add);
        printers.Subcommands.Add(Edit(runner));
        printers.Subcommands.Add(Delete(runner));
        printers.Subcommands.Add(Maintenance(runner));
        printers.Subcommands.Add(Dispatch(runner));
        return printers;
    }

    private static Command Edit(CommandRunner runner)
    {
        var id = new Argument<string>("id") { Description = "The printer's id." };
        var company = new Option<string?>("--company") { Description = "New manufacturer." };
        var model = new Option<string?>("--model") { Description = "New model." };
        var ifMatch = IfMatchOption.Create("printer");
        var key = IdempotencyKeyOption.Create();
        var edit = new Command("edit", "Change a printer's company or model. Example: raft3d printers edit p1 --model MK4S --if-match 7") { id, company, model, ifMatch, key };
        runner.Bind(edit, async (parse, ctx, token) =>
        {
            var patch = new PrinterPatch(parse.GetValue(company), parse.GetValue(model));
            if (patch.Company is null && patch.Model is null)
            {
                throw new ArgumentException("Nothing to change: give --company, --model or both.");
            }

            return ctx.Show(await ctx.Client.EditPrinterAsync(parse.GetValue(id)!, patch, parse.GetValue(ifMatch), parse.GetValue(key), token), (r, p) => Table(r, [p]));
        });
        return edit;
    }

    private static Command Delete(CommandRunner runner)
    {
        var id = new Argument<string>("id") { Description = "The printer's id." };
        var ifMatch = IfMatchOption.Create("printer");
        var key = IdempotencyKeyOption.Create();
        var delete = new Command("delete", "Delete a printer with no queued or running job; its past jobs keep its id. Example: raft3d printers delete p1") { id, ifMatch, key };
        runner.Bind(delete, async (parse, ctx, token) =>
        {
            var printer = parse.GetValue(id)!;
            return ctx.Show(await ctx.Client.DeletePrinterAsync(printer, parse.GetValue(ifMatch), parse.GetValue(key), token), (r, _) => r.Line($"printer {printer} deleted"));
        });
        return delete;
    }

    private static Command Maintenance(CommandRunner runner)
    {
        var maintenance = new Command("maintenance", "Take a printer out of service (it starts no job; its queue waits) or back in. Example: raft3d printers maintenance on p1");
        maintenance.Subcommands.Add(Switch(runner, "on", inMaintenance: true, "Put a printer in maintenance; refused while it prints. Example: raft3d printers maintenance on p1"));
        maintenance.Subcommands.Add(Switch(runner, "off", inMaintenance: false, "End a printer's maintenance: it may start jobs again. Example: raft3d printers maintenance off p1"));
        return maintenance;
    }

    private static Command Switch(CommandRunner runner, string name, bool inMaintenance, string description)
    {
        var id = new Argument<string>("id") { Description = "The printer's id." };
        var ifMatch = IfMatchOption.Create("printer");
        var key = IdempotencyKeyOption.Create();
        var command = new Command(name, description) { id, ifMatch, key };
        runner.Bind(command, async (parse, ctx, token) =>
            ctx.Show(await ctx.Client.SetPrinterMaintenanceAsync(parse.GetValue(id)!, inMaintenance, parse.GetValue(ifMatch), parse.GetValue(key), token), (r, p) => Table(r, [p])));
        return command;
    }

    private static Command Dispatch(CommandRunner runner)
    {
        var id = new Argument<string>("id") { Description = "The printer's id." };
        var ifMatch = IfMatchOption.Create("printer");
        var key = IdempotencyKeyOption.Create();
        var dispatch = new Command("dispatch", "Start the job at the head of a printer's queue and show it, now Running. Example: raft3d printers dispatch p1") { id, ifMatch, key };
        runner.Bind(dispatch, async (parse, ctx, token) =>
            ctx.Show(await ctx.Client.DispatchPrinterAsync(parse.GetValue(id)!, parse.GetValue(ifMatch), parse.GetValue(key), token), (r, j) => JobCommands.Table(r, [j])));
        return dispatch;
    }

    private static void Table(Renderer renderer, IReadOnlyList<Printer> printers)
        => renderer.Table(
            ["ID", "COMPANY", "MODEL", "STATE", "CURRENT_JOB", "QUEUED", "VERSION"],
            printers.Select(p => (IReadOnlyList<string>)[p.Id, p.Company, p.Model, p.State, Cells.OrDash(p.CurrentJobId), Cells.Number(p.QueuedJobs), Cells.Number(p.Version)]));
}
