using System.Text.Json;
using Raft3D.Cli;

namespace Raft3D.Tests.Cli;

/// <summary>One raft3d run, in-process as a script would see it: the exit code, stdout and stderr.</summary>
internal sealed record CliResult(int Exit, string Output, string Error)
{
    public static Task<CliResult> RunAsync(string nodes, params string[] args) => RunAsync(transport: null, nodes, args);

    /// <summary>A run whose HTTP goes through <paramref name="transport"/> instead of the network.</summary>
    public static Task<CliResult> RunAsync(HttpMessageHandler? transport, string nodes, params string[] args)
        => RunAsync(transport, nodes, CancellationToken.None, args);

    /// <summary>A run that <paramref name="token"/> stops as Ctrl+C would: for jobs watch, which runs until then.</summary>
    public static Task<CliResult> RunAsync(HttpMessageHandler? transport, string nodes, CancellationToken token, params string[] args)
        => RunAsync(transport, nodes, new Dictionary<string, string?>(), token, args);

    /// <summary>A run with these environment variables (RAFT3D_TOKEN, say), and none of the test process's own.</summary>
    public static async Task<CliResult> RunAsync(HttpMessageHandler? transport, string nodes, IDictionary<string, string?> variables, CancellationToken token, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new CliEnvironment(output, error, IsTerminal: false, variables, transport);
        var exit = await CliApp.RunAsync(["--nodes", nodes, .. args], environment, token);
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    /// <summary>Stdout's lines, without the blank ones.</summary>
    public IReadOnlyList<string> Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Stdout parsed, for a run with -o json.</summary>
    public JsonElement Json => JsonDocument.Parse(Output).RootElement;

    /// <summary>The table row whose first cell is <paramref name="firstCell"/> (an entity's id).</summary>
    public string Row(string firstCell)
        => Lines.SingleOrDefault(l => l.StartsWith(firstCell + " ", StringComparison.Ordinal))
            ?? throw new AssertionException($"Expected a row for {firstCell}; got: {this}");

    /// <summary>What a failed assertion should show: everything the run said.</summary>
    public override string ToString() => $"exit {Exit}; stdout: {Output}; stderr: {Error}";
}
