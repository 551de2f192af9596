using System.CommandLine;
using Raft3D.Cli.Commands;

namespace Raft3D.Cli;

/// <summary>The raft3d command tree. Separate from Program so that tests run it in-process.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken token = default)
    {
        var options = new GlobalOptions();
        var runner = new CommandRunner(options, environment);
        var root = new RootCommand(
            "raft3d: the Raft3D print farm from a terminal, against whichever node is alive.\n"
            + "Example: raft3d jobs list --status Running -o json | jq .\n"
            + ExitCodes.HelpText);
        foreach (var option in options.All)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(PrinterCommands.Create(runner));
        root.Subcommands.Add(FilamentCommands.Create(runner));
        root.Subcommands.Add(JobCommands.Create(runner));
        root.Subcommands.Add(StockCommand.Create(runner));
        root.Subcommands.Add(ExportCommand.Create(runner));
        root.Subcommands.Add(ClusterCommands.Create(runner));
        root.Subcommands.Add(TokenCommands.Create(runner));

        var parse = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = environment.Output, Error = environment.Error };
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await environment.Error.WriteLineAsync($"invalid_input: {error.Message}");
            }

            await environment.Error.WriteLineAsync("See raft3d --help.");
            return ExitCodes.InvalidInput;
        }

        return await parse.InvokeAsync(configuration, token);
    }
}
