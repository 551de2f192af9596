using System.CommandLine;
using Raft3D.Cli.Output;
using Raft3D.Client;

namespace Raft3D.Cli.Commands;

public static class PrinterCommands
{
    public static Command Create(CommandRunner runner)
    {
        var printers = new Command("printers", "Printers of the farm. Example: raft3d printers add --company Prusa --model MK4 --id p1");

        var list = new Command("list", "List printers, oldest first. Example: raft3d printers list -o json");
        runner.Bind(list, async (_, ctx, token) => ctx.Show(await ctx.Client.ListPrintersAsync(token), Table));

        var id = new Argument<string>("id") { Description = "The printer's id." };
        var get = new Command("get", "Show one printer. Example: raft3d printers get p1") { id };
        runner.Bind(get, async (parse, ctx, token) => ctx.Show(await ctx.Client.GetPrinterAsync(parse.GetValue(id)!, token), (r, p) => Table(r, [p])));

        var company = new Option<string>("--company") { Description = "Manufacturer, e.g. Prusa.", Required = true };
        var model = new Option<string>("--model") { Description = "Model, e.g. MK4.", Required = true };
        var newId = new Option<string?>("--id") { Description = "Optional id (generated when absent; give one to make retries safe)." };
        var add = new Command("add", "Register a printer. Example: raft3d printers add --company Creality --model Ender3 --id p2") { company, model, newId };
        runner.Bind(add, async (parse, ctx, token) =>
            ctx.Show(await ctx.Client.CreatePrinterAsync(new NewPrinter(parse.GetValue(newId), parse.GetValue(company)!, parse.GetValue(model)!), token), (r, p) => Table(r, [p])));

        printers.Subcommands.Add(list);
        printers.Subcommands.Add(get);
        printers.Subcommands.Add(add);
        return printers;
    }

    private static void Table(Renderer renderer, IReadOnlyList<Printer> printers)
        => renderer.Table(["ID", "COMPANY", "MODEL"], printers.Select(p => (IReadOnlyList<string>)[p.Id, p.Company, p.Model]));
}
