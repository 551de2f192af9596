namespace Raft3D.Cli;

/// <summary>The world the CLI runs in, passed in so that tests can run it in-process and capture its output.</summary>
public sealed record CliEnvironment(TextWriter Output, TextWriter Error, bool IsTerminal, IDictionary<string, string?> Variables, HttpMessageHandler? Handler = null)
{
    public static CliEnvironment FromConsole()
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = entry.Value as string;
        }

        return new CliEnvironment(Console.Out, Console.Error, !Console.IsOutputRedirected, variables);
    }
}
